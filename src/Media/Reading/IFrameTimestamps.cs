namespace VideoPipe.Media.Reading;

/// <summary>Where each output frame's presentation time comes from.</summary>
internal interface IFrameTimestamps
{
    /// <summary>The pts of output frame <paramref name="index"/> (asked in order), or false when ffmpeg did not announce that frame.</summary>
    bool TryNext(long index, CancellationToken cancellationToken, out TimeSpan pts);
}

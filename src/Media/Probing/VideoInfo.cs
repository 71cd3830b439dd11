namespace VideoPipe.Media;

/// <summary>What ffprobe would say about a file's first video stream (<see cref="VideoProber"/>), normalised.</summary>
public sealed record VideoInfo
{
    public required string Path { get; init; }

    /// <summary>ffmpeg's demuxer name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2" or "matroska,webm".</summary>
    public required string Container { get; init; }

    public required string Codec { get; init; }

    public string? CodecProfile { get; init; }

    /// <summary>Stored (coded) frame size, before display rotation.</summary>
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>
    /// Clockwise degrees (0, 90, 180, 270) the stored frames must be turned to appear upright (from the display matrix),
    /// after the mirror of <see cref="DisplayMirrored"/>.
    /// </summary>
    public int DisplayRotation { get; init; }

    /// <summary>
    /// True when the display matrix also mirrors the picture (negative determinant): the stored frame is flipped
    /// left-right first, then turned by <see cref="DisplayRotation"/> (a vertical flip is a mirror plus 180°). The
    /// reader undoes both.
    /// </summary>
    public bool DisplayMirrored { get; init; }

    /// <summary>Frame size as displayed, i.e. after <see cref="DisplayRotation"/>.</summary>
    public int DisplayWidth => DisplayRotation is 90 or 270 ? Height : Width;

    public int DisplayHeight => DisplayRotation is 90 or 270 ? Width : Height;

    public Rational SampleAspectRatio { get; init; } = new(1, 1);

    public required string PixelFormat { get; init; }

    public int BitDepth { get; init; } = 8;

    public ColorRange ColorRange { get; init; }

    /// <summary>Matrix coefficients as ffprobe names them (bt709, smpte170m, bt470bg, bt2020nc, …) or null when unspecified.</summary>
    public string? ColorSpace { get; init; }

    public string? ColorTransfer { get; init; }

    public string? ColorPrimaries { get; init; }

    public Rational TimeBase { get; init; }

    public Rational AverageFrameRate { get; init; }

    /// <summary>ffprobe's r_frame_rate: the lowest rate that represents all timestamps.</summary>
    public Rational RealFrameRate { get; init; }

    public bool IsVariableFrameRate { get; init; }

    /// <summary>True when <see cref="IsVariableFrameRate"/> comes from measured packet timestamps, false when it is the r_frame_rate ≠ avg_frame_rate heuristic.</summary>
    public bool VariableFrameRateMeasured { get; init; }

    /// <summary>The stream's first timestamp in seconds; reader timestamps are relative to it.</summary>
    public double StartTime { get; init; }

    /// <summary>
    /// How long the video lasts, counted from <see cref="StartTime"/> (not the end timestamp: a stream from 10 s to
    /// 14 s lasts 4 s), so it compares directly with the reader's timestamps.
    /// </summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>True when <see cref="Duration"/> is the video stream's own; false when it is the container's (which may include longer audio).</summary>
    public bool DurationIsVideoStream { get; init; }

    public long? FrameCount { get; init; }

    public FrameCountSource FrameCountSource { get; init; }

    public bool FrameCountIsExact => FrameCountSource is FrameCountSource.ContainerHeader or FrameCountSource.PacketScan;

    public bool HasAudio { get; init; }

    public bool IsRgb => PixelFormats.IsRgb(PixelFormat);
}

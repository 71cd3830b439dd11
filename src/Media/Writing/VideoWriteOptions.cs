namespace VideoPipe.Media;

/// <summary>How <see cref="VideoWriter"/> encodes packed RGB24 frames of a fixed size.</summary>
public sealed record VideoWriteOptions
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required Rational FrameRate { get; init; }

    public VideoEncoding Encoding { get; init; } = VideoEncoding.H264;

    /// <summary>libx264 constant rate factor (lower is better quality); ignored by the lossless encodings.</summary>
    public int Crf { get; init; } = 18;

    public string Preset { get; init; } = "medium";

    /// <summary>Null: from the file extension (.mp4/.mov → mp4, .nut → nut, else matroska); streams default to matroska.</summary>
    public VideoContainer? Container { get; init; }

    /// <summary>Wall-clock limit for the whole item, from creating the writer to completing it.</summary>
    public TimeSpan? Timeout { get; init; }

    internal int FrameBytes => checked(Width * Height * 3);

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Width, 1, nameof(Width));
        ArgumentOutOfRangeException.ThrowIfLessThan(Height, 1, nameof(Height));
        if (FrameRate.Numerator <= 0 || FrameRate.Denominator <= 0)
        {
            throw new ArgumentException($"Frame rate {FrameRate} must be positive.", nameof(FrameRate));
        }

        if (Encoding == VideoEncoding.LosslessFfv1 && Container == VideoContainer.Mp4)
        {
            throw new ArgumentException("FFV1 does not go into mp4; use matroska/nut or LosslessH264Rgb.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(Crf, nameof(Crf));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Crf, 51, nameof(Crf));
    }
}

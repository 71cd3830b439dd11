namespace VideoPipe.Media;

/// <summary>What to read and how to shape the frames. All processing happens inside ffmpeg's filter graph.</summary>
public sealed record VideoReadOptions
{
    public static VideoReadOptions Default { get; } = new();

    /// <summary>Resample to this rate by presentation timestamps (ffmpeg fps filter); null keeps every decoded frame.</summary>
    public Rational? TargetFrameRate { get; init; }

    /// <summary>Start of a time range (input seek); frame timestamps stay relative to the video's start.</summary>
    public TimeSpan? Start { get; init; }

    /// <summary>End (exclusive) of a time range.</summary>
    public TimeSpan? End { get; init; }

    /// <summary>First frame of a frame range, counted after resampling when <see cref="TargetFrameRate"/> is set.</summary>
    public long? StartFrame { get; init; }

    /// <summary>End (exclusive) of a frame range.</summary>
    public long? EndFrame { get; init; }

    public long? MaxFrames { get; init; }

    /// <summary>Resize so the shorter side has this many pixels (aspect kept, sample aspect ratio applied).</summary>
    public int? ShorterSide { get; init; }

    /// <summary>
    /// Resize so the frame covers this size with its aspect kept (the smallest shorter side that does), then cut the
    /// centre to exactly this size. Excludes <see cref="ShorterSide"/> and a <see cref="SizeMultiple"/> above 1.
    /// </summary>
    public FrameSize? Cover { get; init; }

    /// <summary>Output width and height are made multiples of this, by <see cref="Fit"/>.</summary>
    public int SizeMultiple { get; init; } = 1;

    public SizeFitMode Fit { get; init; } = SizeFitMode.CenterCrop;

    /// <summary>Frames per <see cref="FrameBlock"/>; together with the consumer this bounds memory.</summary>
    public int BlockSize { get; init; } = 16;

    public DamagePolicy OnDamage { get; init; } = DamagePolicy.Throw;

    /// <summary>Told what ffmpeg complained about in a read that <see cref="DamagePolicy.JudgeByFrames"/> still judged complete.</summary>
    public Action<string>? OnWarning { get; init; }

    public MediaLimits Limits { get; init; } = MediaLimits.Default;

    /// <summary>Wall-clock limit for the whole item (probe + decode + time the consumer spends between blocks); null is none.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// swscale flags for the resize and YCbCr→RGB conversion; null picks per input: "bicubic" for 8-bit
    /// (swscale's fast converters, as the ffmpeg CLI) and "bicubic+accurate_rnd+full_chroma_int" above 8 bits,
    /// where the fast path is off by about 3 levels. The accurate flags cost about 4× at 720p (docs/benchmarks.md).
    /// </summary>
    public string? ScalerFlags { get; init; }

    /// <summary>For stream input: bytes buffered and probed before decoding starts.</summary>
    public int StreamProbeBytes { get; init; } = 4 * 1024 * 1024;

    internal void Validate()
    {
        if (Start is not null || End is not null)
        {
            if (StartFrame is not null || EndFrame is not null)
            {
                throw new ArgumentException("Use either a time range (Start/End) or a frame range (StartFrame/EndFrame), not both.");
            }

            if (Start < TimeSpan.Zero || End <= (Start ?? TimeSpan.Zero))
            {
                throw new ArgumentException($"Time range {Start}..{End} is empty or negative.");
            }
        }

        if (StartFrame < 0 || EndFrame <= (StartFrame ?? 0))
        {
            throw new ArgumentException($"Frame range {StartFrame}..{EndFrame} is empty or negative.");
        }

        if (TargetFrameRate is { } rate && (rate.Numerator <= 0 || rate.Denominator <= 0))
        {
            throw new ArgumentException($"Target frame rate {rate} must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrames ?? 1, 1, nameof(MaxFrames));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShorterSide ?? 1, 1, nameof(ShorterSide));
        ArgumentOutOfRangeException.ThrowIfLessThan(SizeMultiple, 1, nameof(SizeMultiple));
        if (Cover is not null && (ShorterSide is not null || SizeMultiple != 1 || Fit != SizeFitMode.CenterCrop))
        {
            throw new ArgumentException($"Cover {Cover} sets the output size itself; it excludes ShorterSide, SizeMultiple and padding.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(BlockSize, 1, nameof(BlockSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(StreamProbeBytes, 4096, nameof(StreamProbeBytes));
    }
}

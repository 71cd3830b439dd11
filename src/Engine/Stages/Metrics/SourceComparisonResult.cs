namespace VideoPipe.Engine.Stages;

/// <summary>
/// A reconstruction scored against its source frame by frame, and the weight-free baseline on the same frames (null
/// when the frames are not a multiple of its 8x8 blocks).
/// </summary>
public sealed record SourceComparisonResult(int Width, int Height, IReadOnlyList<FrameMetrics> Reconstruction, IReadOnlyList<FrameMetrics>? Baseline)
{
    /// <summary>The baseline kept every this-many-th frame.</summary>
    public int BaselineStride { get; init; } = WeightFreeBaseline.TemporalStride;

    public int Frames => Reconstruction.Count;

    public double MeanPsnr => Reconstruction.Average(f => f.Psnr);

    public double MeanSsim => Reconstruction.Average(f => f.Ssim);

    public double? BaselineMeanPsnr => Baseline?.Average(f => f.Psnr);

    public double? BaselineMeanSsim => Baseline?.Average(f => f.Ssim);
}

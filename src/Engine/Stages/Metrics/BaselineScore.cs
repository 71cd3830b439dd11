namespace VideoPipe.Engine.Stages;

/// <summary>How well <see cref="WeightFreeBaseline"/> reconstructs a clip: per-frame scores and their means.</summary>
public sealed record BaselineScore(int Width, int Height, IReadOnlyList<FrameMetrics> Frames)
{
    public double MeanPsnr => Frames.Average(f => f.Psnr);

    public double MeanSsim => Frames.Average(f => f.Ssim);
}

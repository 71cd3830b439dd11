namespace VideoPipe.Engine.Stages;

public sealed record FrameMetrics(long Index, double Psnr, double Ssim);

public sealed record MetricsSummary(int Clips, int Frames, double MeanPsnr, double MeanSsim, IReadOnlyList<ClipSummary> PerClip);

/// <summary>A clip's quality: frames scored, mean PSNR over frames, mean SSIM.</summary>
public sealed record ClipSummary(string Item, int Frames, double Psnr, double Ssim);

namespace VideoPipe.Engine.Stages;

public sealed record FrameMetrics(long Index, double Psnr, double Ssim);

/// <summary>A clip's quality: mean PSNR over frames, PSNR of the mean squared error, mean SSIM.</summary>
public sealed record ClipMetrics(string Item, string Source, int Frames, double Psnr, double PsnrOfMeanMse, double Ssim, IReadOnlyList<FrameMetrics> PerFrame);

public sealed record MetricsSummary(int Clips, int Frames, double MeanPsnr, double MeanSsim, IReadOnlyList<ClipSummary> PerClip);

public sealed record ClipSummary(string Item, int Frames, double Psnr, double Ssim);

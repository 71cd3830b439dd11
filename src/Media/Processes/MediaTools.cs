namespace VideoPipe.Media;

/// <summary>
/// Where the ffmpeg executable is; defaults to PATH, overridable by VIDEOPIPE_FFMPEG. (Probing runs our own
/// videopipe-probe helper, found by <see cref="Probing.ProbeServer"/>.)
/// </summary>
public sealed record MediaTools(string Ffmpeg)
{
    public static MediaTools Default { get; } = new(
        Environment.GetEnvironmentVariable("VIDEOPIPE_FFMPEG") is { Length: > 0 } ffmpeg ? ffmpeg : "ffmpeg");
}

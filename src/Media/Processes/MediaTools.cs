namespace VideoPipe.Media;

/// <summary>Where the ffmpeg and ffprobe executables are; defaults to PATH, overridable by VIDEOPIPE_FFMPEG / VIDEOPIPE_FFPROBE.</summary>
public sealed record MediaTools(string Ffmpeg, string Ffprobe)
{
    public static MediaTools Default { get; } = new(
        Environment.GetEnvironmentVariable("VIDEOPIPE_FFMPEG") is { Length: > 0 } ffmpeg ? ffmpeg : "ffmpeg",
        Environment.GetEnvironmentVariable("VIDEOPIPE_FFPROBE") is { Length: > 0 } ffprobe ? ffprobe : "ffprobe");
}

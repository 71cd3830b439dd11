namespace VideoPipe.Media;

/// <summary>A video input that cannot be read, naming the input, the kind of failure and ffmpeg's own words.</summary>
public class VideoInputException : Exception
{
    public VideoInputException(string path, VideoInputErrorKind kind, string reason, string? toolOutput = null, Exception? inner = null)
        : base(ComposeMessage(path, kind, reason, toolOutput), inner)
    {
        Path = path;
        Kind = kind;
        Reason = reason;
        ToolOutput = toolOutput;
    }

    /// <summary>The file path, or "-" / "&lt;stream&gt;" for stream input.</summary>
    public string Path { get; }

    public VideoInputErrorKind Kind { get; }

    public string Reason { get; }

    /// <summary>The last lines ffmpeg wrote to stderr, or libav's error lines from the probe, when a tool was involved.</summary>
    public string? ToolOutput { get; }

    private static string ComposeMessage(string path, VideoInputErrorKind kind, string reason, string? toolOutput) =>
        string.IsNullOrWhiteSpace(toolOutput)
            ? $"{path}: {reason} [{kind}]"
            : $"{path}: {reason} [{kind}]{Environment.NewLine}ffmpeg said:{Environment.NewLine}{toolOutput}";
}

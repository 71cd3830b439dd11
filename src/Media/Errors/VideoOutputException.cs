namespace VideoPipe.Media;

/// <summary>Writing a video failed; no (partial) file was left at <see cref="Path"/>.</summary>
public class VideoOutputException : Exception
{
    public VideoOutputException(string path, string reason, string? toolOutput = null, Exception? inner = null)
        : base(string.IsNullOrWhiteSpace(toolOutput)
            ? $"{path}: {reason}"
            : $"{path}: {reason}{Environment.NewLine}ffmpeg said:{Environment.NewLine}{toolOutput}", inner)
    {
        Path = path;
        Reason = reason;
        ToolOutput = toolOutput;
    }

    public string Path { get; }

    public string Reason { get; }

    public string? ToolOutput { get; }
}

namespace VideoPipe.Engine.Stages;

/// <summary>
/// "-" as a path: in the source's <c>files</c> it reads the video from standard input, as the write stage's
/// <c>file</c> it writes the container to standard output.
/// </summary>
public static class StandardStreams
{
    public const string Dash = "-";

    /// <summary>How messages and item ids name standard input.</summary>
    public const string StdinName = "stdin";

    public static bool IsDash(string? path) => path == Dash;
}

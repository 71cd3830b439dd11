namespace VideoPipe.Host;

internal static class Terminal
{
    /// <summary>
    /// True when a person is watching stderr, where progress and logs go: live progress instead of structured log
    /// lines. Stdout does not matter (it may carry a video or a result file).
    /// </summary>
    public static bool IsInteractive { get; } = !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb") && Environment.GetEnvironmentVariable("CI") is null;
}

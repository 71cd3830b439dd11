namespace VideoPipe.Host;

internal static class Terminal
{
    /// <summary>True when a person is watching: live progress instead of structured log lines.</summary>
    public static bool IsInteractive { get; } = !Console.IsOutputRedirected && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb") && Environment.GetEnvironmentVariable("CI") is null;
}

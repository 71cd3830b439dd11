namespace VideoPipe.Host;

/// <summary>Settings every pipeline-running command shares (bound into Options).</summary>
public sealed class ShutdownOptions
{
    /// <summary>After Ctrl+C / SIGTERM, how long items in flight may take to finish before they are aborted.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The process exit code a hosted service decides.</summary>
public sealed class ExitCodeHolder
{
    public int Code { get; set; }
}

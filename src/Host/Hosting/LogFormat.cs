namespace VideoPipe.Host;

/// <summary>How log lines look on stderr.</summary>
public enum LogFormat
{
    /// <summary>One human-readable line per entry with a time (the default, terminal or not).</summary>
    Plain,

    /// <summary>One JSON object per line, for log collectors (<c>--log-format json</c>).</summary>
    Json,
}

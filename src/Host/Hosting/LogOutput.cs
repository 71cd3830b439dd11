using Microsoft.Extensions.Logging;

namespace VideoPipe.Host;

/// <summary>
/// The console logging every command uses: <see cref="Format"/> comes from <c>--log-format</c> (any command) or
/// VIDEOPIPE_LOG_FORMAT, and is plain text unless JSON is asked for.
/// </summary>
public static class LogOutput
{
    public const string EnvironmentVariable = "VIDEOPIPE_LOG_FORMAT";

    public static LogFormat Format { get; set; } = Parse(Environment.GetEnvironmentVariable(EnvironmentVariable)) ?? LogFormat.Plain;

    public static LogFormat? Parse(string? text) => text?.ToLowerInvariant() switch
    {
        "plain" or "text" => LogFormat.Plain,
        "json" => LogFormat.Json,
        _ => null,
    };

    public static ILoggingBuilder AddVideoPipeConsole(this ILoggingBuilder logging) => Format == LogFormat.Json
        ? logging.AddJsonConsole(o => o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ")
        : logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
}

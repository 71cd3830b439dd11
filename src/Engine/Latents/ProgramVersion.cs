using System.Reflection;

namespace VideoPipe.Engine;

/// <summary>The VideoPipe version recorded in every output it writes.</summary>
public static class ProgramVersion
{
    public static readonly string Current =
        typeof(ProgramVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ProgramVersion).Assembly.GetName().Version?.ToString() ?? "unknown";
}

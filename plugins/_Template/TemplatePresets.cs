namespace VideoPipe.Plugins.Template;

/// <summary>Named configurations; the first is the one tests and docs use.</summary>
public static class TemplatePresets
{
    public const string Patch8 = "template-patch8";

    public static IReadOnlyList<string> Names { get; } = [Patch8];

    public static TemplateConfig Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        Patch8 => new TemplateConfig(),
        _ => throw new ArgumentException($"unknown template preset '{name}' (known: {string.Join(", ", Names)})"),
    };
}

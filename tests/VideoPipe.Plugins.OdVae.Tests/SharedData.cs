using System.Text.Json;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The OD-VAE material in shared/: golden cases and the released checkpoint's key list.</summary>
public static class SharedData
{
    public static string GoldensDir => Path.Combine(Repository.Shared, "goldens", "odvae");

    public static string ReleasedKeysFile => Path.Combine(Repository.Shared, "specs", "odvae_released_state_dict.tsv");

    /// <summary>Every case directory (holding case.json) under shared/goldens/odvae, at any depth.</summary>
    public static IEnumerable<object[]> CaseDirs() =>
        Directory.Exists(GoldensDir)
            ? Directory.GetFiles(GoldensDir, "case.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(GoldensDir, Path.GetDirectoryName(f)!))
                .OrderBy(d => d, StringComparer.Ordinal)
                .Select(d => new object[] { d })
            : [];

    public static JsonElement CaseConfig(string caseDir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldensDir, caseDir, "case.json")));
        return doc.RootElement.GetProperty("config").Clone();
    }
}

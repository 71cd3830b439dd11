using System.Text.Json;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>Locates shared/ (specs and goldens) as ../shared relative to the repository root holding VideoPipe.sln.</summary>
public static class SharedData
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedRoot => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string GoldensDir => Path.Combine(SharedRoot, "goldens", "odvae");

    public static string ReleasedKeysFile => Path.Combine(SharedRoot, "specs", "odvae_released_state_dict.tsv");

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

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no VideoPipe.sln above {AppContext.BaseDirectory}");
    }
}

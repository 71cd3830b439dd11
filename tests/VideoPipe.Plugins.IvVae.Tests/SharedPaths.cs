namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>Locates shared/ as ../shared relative to the repository root (the folder holding VideoPipe.sln).</summary>
internal static class SharedPaths
{
    public static string RepoRoot
    {
        get
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

    public static string IvVaeGoldens => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "goldens", "ivvae"));

    /// <summary>Every case directory (a folder with case.json) under shared/goldens/ivvae, at any depth.</summary>
    public static IReadOnlyList<string> IvVaeCaseDirs()
    {
        if (!Directory.Exists(IvVaeGoldens))
        {
            throw new DirectoryNotFoundException($"golden cases not found at {IvVaeGoldens} (CI puts shared/ beside the clone)");
        }

        return Directory.EnumerateFiles(IvVaeGoldens, "case.json", SearchOption.AllDirectories)
            .Select(f => Path.GetDirectoryName(f)!)
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToList();
    }
}

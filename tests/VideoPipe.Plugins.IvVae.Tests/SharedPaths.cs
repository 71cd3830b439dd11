using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>The IV-VAE golden cases under shared/goldens/ivvae.</summary>
internal static class SharedPaths
{
    public static string IvVaeGoldens => Path.Combine(Repository.Shared, "goldens", "ivvae");

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

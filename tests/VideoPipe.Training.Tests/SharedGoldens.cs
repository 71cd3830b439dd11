namespace VideoPipe.Training.Tests;

/// <summary>The shared golden cases (../shared/goldens beside the repository).</summary>
internal static class SharedGoldens
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "goldens");
                if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")) && Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            throw new DirectoryNotFoundException("shared/goldens not found beside the repository");
        }
    }

    /// <summary>Every case folder (a case.json inside) under goldens/<paramref name="family"/>.</summary>
    public static TheoryData<string> Cases(string family)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, family), "case.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Root, Path.GetDirectoryName(file)!));
        }

        return data;
    }
}

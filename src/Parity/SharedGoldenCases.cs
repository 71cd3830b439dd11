namespace VideoPipe.Parity;

/// <summary>The golden case folders (a case.json inside) of one family under ../shared/goldens.</summary>
public static class SharedGoldenCases
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")))
                {
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "goldens"));
                }
            }

            throw new DirectoryNotFoundException($"no VideoPipe.sln above {AppContext.BaseDirectory}");
        }
    }

    public static IReadOnlyList<string> Of(string family)
    {
        var dir = Path.Combine(Root, family);
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "case.json", SearchOption.AllDirectories).Select(f => Path.GetDirectoryName(f)!).Order(StringComparer.Ordinal).ToList()
            : [];
    }
}

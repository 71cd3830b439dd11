namespace VideoPipe.Tests.Shared;

/// <summary>The checkout as tests see it: its root (the folder holding VideoPipe.sln, above the test binaries) and shared/ beside it.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared: specs, papers and golden cases (CI puts it beside the clone).</summary>
    public static string Shared => System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared"));

    /// <summary>One golden case folder, shared/goldens/&lt;family&gt;/&lt;name&gt; (it must exist).</summary>
    public static string GoldenCase(string family, string name)
    {
        var folder = System.IO.Path.Combine(Shared, "goldens", family, name);
        return Directory.Exists(folder) ? folder : throw new DirectoryNotFoundException($"golden case {folder} is missing (shared/ must sit beside the checkout)");
    }

    /// <summary>A path inside the checkout, e.g. <c>Path("models", "regen-tiny")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "VideoPipe.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no VideoPipe.sln above {AppContext.BaseDirectory}: tests run from a checkout");
    }
}

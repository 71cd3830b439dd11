namespace VideoPipe.Engine.Tests;

internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string GoldenCase(string family, string name) => Path.Combine(Root, "..", "shared", "goldens", family, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("tests must run inside the repository");
    }
}

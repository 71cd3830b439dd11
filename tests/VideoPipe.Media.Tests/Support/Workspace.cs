namespace VideoPipe.Media.Tests.Support;

/// <summary>A temporary directory for one test class's generated videos.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Directory.CreateTempSubdirectory("videopipe-media-").FullName;
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

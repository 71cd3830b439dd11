using System.Collections.Concurrent;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Where the write stage puts an item's video in its directory: <c>&lt;item id&gt;.&lt;ext&gt;</c>, or named after the
/// item's source (a relative source path keeps its folders, an absolute one its file name). Two items never get
/// the same file: the second is refused by name instead of overwriting the first.
/// </summary>
internal sealed class OutputNaming(string directory, string extension, bool bySource)
{
    private readonly ConcurrentDictionary<string, string> owners = new(StringComparer.Ordinal);

    public string PathFor(WorkItem item)
    {
        var name = !bySource ? item.Id
            : Path.IsPathRooted(item.SourcePath) ? Path.GetFileNameWithoutExtension(item.SourcePath)
            : Path.ChangeExtension(item.SourcePath, null);
        var path = Path.GetFullPath(Path.Combine(directory, $"{name}.{extension}"));
        if (!path.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"item '{item.Id}': source '{item.SourcePath}' would be written outside {directory}");
        }

        var owner = owners.GetOrAdd(path, item.Id);
        if (owner != item.Id)
        {
            throw new InvalidOperationException($"item '{item.Id}' ({item.SourcePath}) would overwrite {path}, written for item '{owner}'");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }
}

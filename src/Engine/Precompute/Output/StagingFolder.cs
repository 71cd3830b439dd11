namespace VideoPipe.Precompute;

/// <summary>A shard's private folder for temporaries; whatever is in it at start was left by a killed run.</summary>
internal static class StagingFolder
{
    public static void Reset(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }

    /// <summary>Removes the folder once the run has ended cleanly (and its parents when they became empty).</summary>
    public static void Remove(string path)
    {
        try
        {
            RemoveEmpty(path);
        }
        catch (IOException)
        {
            // Another shard created its own folder beside ours meanwhile; the shared parents stay.
        }
    }

    private static void RemoveEmpty(string path)
    {
        if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
        {
            Directory.Delete(path);
            var parent = Path.GetDirectoryName(path);
            for (var level = 0; level < 2 && parent is not null && Directory.Exists(parent) && !Directory.EnumerateFileSystemEntries(parent).Any(); level++)
            {
                Directory.Delete(parent);
                parent = Path.GetDirectoryName(parent);
            }
        }
    }
}

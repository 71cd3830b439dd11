using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipe.Engine;

/// <summary>Finding plugin folders, fingerprinting their contents and shadow-copying them.</summary>
internal static class PluginFolders
{
    public static IEnumerable<string> Discover(IEnumerable<string> directories)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories.Select(Path.GetFullPath))
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var candidates = File.Exists(Path.Combine(directory, PluginManifest.FileName))
                ? new[] { directory }.AsEnumerable()
                : Directory.GetDirectories(directory).Where(d => File.Exists(Path.Combine(d, PluginManifest.FileName))).Order(StringComparer.Ordinal).AsEnumerable();
            foreach (var folder in candidates)
            {
                if (seen.Add(folder))
                {
                    yield return folder;
                }
            }
        }
    }

    /// <summary>Changes whenever a file in the folder is added, removed, resized or rewritten.</summary>
    public static string Fingerprint(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            text.Append(CultureInfo.InvariantCulture, $"{Path.GetRelativePath(folder, file)}|{info.Length}|{info.LastWriteTimeUtc.Ticks}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static void Copy(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var directory in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    public static string SafeName(string text) => new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}

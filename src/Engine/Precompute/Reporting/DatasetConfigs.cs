using System.Text.Json;

namespace VideoPipe.Precompute;

/// <summary>The configs a dataset folder holds (configs/&lt;fp16&gt;.json), and picking one.</summary>
public sealed record DatasetConfig(string ShortFingerprint, string Fingerprint, OutputFormat Format, string Path)
{
    public static IReadOnlyList<DatasetConfig> FindAll(string root)
    {
        var folder = DatasetLayout.ConfigsDirectory(root);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var configs = new List<DatasetConfig>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root2 = document.RootElement;
            var fingerprint = root2.GetProperty("config_fingerprint").GetString()!;
            var format = root2.TryGetProperty("format", out var value) && value.GetString() == "wds" ? OutputFormat.WebDataset : OutputFormat.Safetensors;
            configs.Add(new DatasetConfig(System.IO.Path.GetFileNameWithoutExtension(path), fingerprint, format, path));
        }

        return configs;
    }

    /// <summary>The one config of the dataset, or the one whose fingerprint starts with <paramref name="prefix"/>.</summary>
    public static DatasetConfig Select(string root, string? prefix)
    {
        var all = FindAll(root);
        var matching = prefix is null ? all : all.Where(c => c.Fingerprint.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 => throw new ArgumentException(all.Count == 0 ? $"{root} holds no precompute output (no configs/)" : $"no config fingerprint starts with '{prefix}' (have: {string.Join(", ", all.Select(c => c.ShortFingerprint))})"),
            _ => throw new ArgumentException($"{root} holds several configs ({string.Join(", ", matching.Select(c => c.ShortFingerprint))}); choose one with --fingerprint"),
        };
    }
}

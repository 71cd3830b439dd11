using System.Formats.Tar;
using System.Text.Json.Nodes;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Engine;

/// <summary>
/// The latent files of a dataset, whichever job wrote it: a precompute dataset (latents/&lt;fp&gt;/**.safetensors
/// or wds/&lt;fp&gt;/*.tar, one config fingerprint chosen) or a folder of latent files (store-latents). Only the
/// metadata is read here; <see cref="LatentEntryLoader"/> loads an entry's tensors when it is its turn.
/// </summary>
public static class LatentDataset
{
    private const string TarLatentSuffix = ".latent.safetensors";
    private const string TarJsonSuffix = ".json";

    /// <param name="fingerprint">A precompute config fingerprint (or its first characters); needed when the dataset holds several.</param>
    public static IReadOnlyList<LatentEntry> Scan(string root, string? fingerprint = null)
    {
        root = System.IO.Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"dataset folder '{root}' does not exist");
        }

        var latents = System.IO.Path.Combine(root, "latents");
        var archives = System.IO.Path.Combine(root, "wds");
        List<LatentEntry> entries;
        if (Directory.Exists(latents) || Directory.Exists(archives))
        {
            var chosen = ChooseFingerprint(root, [latents, archives], fingerprint);
            entries = [.. Files(System.IO.Path.Combine(latents, chosen)), .. Archives(System.IO.Path.Combine(archives, chosen))];
        }
        else
        {
            entries = Files(root).ToList();
        }

        if (entries.Count == 0)
        {
            throw new InvalidDataException($"dataset '{root}' holds no latent files (looked for latents/<fingerprint>/**/*.safetensors, wds/<fingerprint>/*.tar, or *.safetensors)");
        }

        // An archive a killed run renamed into place may repeat items a later run stored again: each id counts once.
        return entries.DistinctBy(e => e.Metadata.ItemId, StringComparer.Ordinal).ToList();
    }

    private static string ChooseFingerprint(string root, string[] folders, string? wanted)
    {
        var known = folders.Where(Directory.Exists).SelectMany(Directory.EnumerateDirectories).Select(System.IO.Path.GetFileName).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var matching = wanted is null ? known : known.Where(k => k.StartsWith(wanted, StringComparison.Ordinal) || wanted.StartsWith(k, StringComparison.Ordinal)).ToList();
        return matching.Count switch
        {
            1 => matching[0],
            0 when wanted is not null => throw new InvalidDataException($"dataset '{root}' holds no config fingerprint '{wanted}' (it has: {string.Join(", ", known)})"),
            0 => throw new InvalidDataException($"dataset '{root}' has latents/ or wds/ but no config folder in them"),
            _ => throw new InvalidDataException($"dataset '{root}' holds {matching.Count} configs ({string.Join(", ", matching)}); choose one by its fingerprint"),
        };
    }

    private static IEnumerable<LatentEntry> Files(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*.safetensors", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (System.IO.Path.GetFileName(path).StartsWith('.'))
            {
                continue; // a temporary of an interrupted write
            }

            using var file = SafetensorsFile.Open(path);
            yield return new LatentEntry(LatentFile.ReadMetadata(file, path), path);
        }
    }

    private static IEnumerable<LatentEntry> Archives(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var archive in Directory.EnumerateFiles(folder, "*.tar").Order(StringComparer.Ordinal))
        {
            foreach (var entry in Members(archive))
            {
                yield return entry;
            }
        }
    }

    /// <summary>An archive's latents in member order, described by their .json members (no tensor is read).</summary>
    private static List<LatentEntry> Members(string archive)
    {
        var json = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var latents = new List<(string Key, string Member, long Offset, long Length)>();
        using (var stream = File.OpenRead(archive))
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry() is { } member)
            {
                if (member.Name.EndsWith(TarLatentSuffix, StringComparison.Ordinal))
                {
                    latents.Add((member.Name[..^TarLatentSuffix.Length], member.Name, member.DataOffset, member.Length));
                }
                else if (member.Name.EndsWith(TarJsonSuffix, StringComparison.Ordinal) && member.DataStream is { } data)
                {
                    json[member.Name[..^TarJsonSuffix.Length]] = JsonNode.Parse(data) as JsonObject
                        ?? throw new InvalidDataException($"{archive}:{member.Name} is not a JSON object");
                }
            }
        }

        return latents.Select(l => new LatentEntry(
            LatentMetadataReader.Read(json.TryGetValue(l.Key, out var metadata) ? metadata : throw new InvalidDataException($"{archive}: {l.Member} has no {l.Key}{TarJsonSuffix} beside it"), $"{archive}:{l.Member}"),
            archive, l.Member, l.Offset, l.Length)).ToList();
    }
}

using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// How a clip's latents sit in a safetensors file: one tensor per temporal tile (<c>latent.0000</c>, ...) and string
/// metadata saying where they came from and how to decode them.
/// </summary>
internal static class LatentFileFormat
{
    public const string FormatName = "videopipe.latents/1";
    private const string AttributePrefix = "attr.";

    public static string TensorName(int tileIndex) => $"latent.{tileIndex:D4}";

    public static Dictionary<string, string> Metadata(WorkItem item, IReadOnlyList<LatentTile> tiles, string dtype)
    {
        var provenance = tiles[0].Provenance;
        var last = tiles[^1].Geometry;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = FormatName,
            ["item.id"] = item.Id,
            ["source"] = item.SourcePath,
            ["frames"] = (last.FirstFrame + last.ValidFrames).ToString(CultureInfo.InvariantCulture),
            ["fps"] = last.Fps.ToString("R", CultureInfo.InvariantCulture),
            ["tiles"] = JsonSerializer.Serialize(tiles.Select(t => t.Geometry)),
            ["tokenizer.family"] = provenance.Family,
            ["tokenizer.variant"] = provenance.Variant,
            ["tokenizer.version"] = provenance.Version,
            ["scaling.scale"] = provenance.Scaling.Scale.ToString("R", CultureInfo.InvariantCulture),
            ["scaling.shift"] = provenance.Scaling.Shift.ToString("R", CultureInfo.InvariantCulture),
            ["scaling.applied"] = provenance.ScalingApplied ? "true" : "false",
            ["posterior"] = provenance.Posterior.ToString().ToLowerInvariant(),
            ["seed"] = provenance.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["dtype"] = dtype,
            ["created_by"] = $"videopipe {typeof(LatentFileFormat).Assembly.GetName().Version}",
        };
        if (item.StartSeconds is { } start)
        {
            metadata["start"] = start.ToString("R", CultureInfo.InvariantCulture);
        }

        if (item.EndSeconds is { } end)
        {
            metadata["end"] = end.ToString("R", CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in item.Attributes)
        {
            metadata[AttributePrefix + key] = value;
        }

        return metadata;
    }

    public static (WorkItem Item, IReadOnlyList<TileGeometry> Tiles, LatentProvenance Provenance) Read(IReadOnlyDictionary<string, string> metadata, WorkItem loadedFrom)
    {
        string Get(string key) => metadata.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{loadedFrom.SourcePath}: metadata lacks '{key}' (not a {FormatName} file?)");
        double Number(string key) => double.Parse(Get(key), CultureInfo.InvariantCulture);
        if (Get("format") != FormatName)
        {
            throw new InvalidDataException($"{loadedFrom.SourcePath}: format '{Get("format")}' is not {FormatName}");
        }

        var item = new WorkItem
        {
            Id = Get("item.id"),
            SourcePath = Get("source"),
            StartSeconds = metadata.TryGetValue("start", out var s) ? double.Parse(s, CultureInfo.InvariantCulture) : null,
            EndSeconds = metadata.TryGetValue("end", out var e) ? double.Parse(e, CultureInfo.InvariantCulture) : null,
            Index = loadedFrom.Index,
            Attributes = metadata.Where(kv => kv.Key.StartsWith(AttributePrefix, StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key[AttributePrefix.Length..], kv => kv.Value),
        };
        var tiles = JsonSerializer.Deserialize<List<TileGeometry>>(Get("tiles")) ?? throw new InvalidDataException($"{loadedFrom.SourcePath}: empty tile list");
        var provenance = new LatentProvenance
        {
            Family = Get("tokenizer.family"),
            Variant = Get("tokenizer.variant"),
            Version = Get("tokenizer.version"),
            Scaling = new LatentScaling(Number("scaling.scale"), Number("scaling.shift"), Get("scaling.applied") == "true"),
            ScalingApplied = Get("scaling.applied") == "true",
            Posterior = Enum.Parse<PosteriorMode>(Get("posterior"), ignoreCase: true),
            Seed = Get("seed") is { Length: > 0 } seed ? ulong.Parse(seed, CultureInfo.InvariantCulture) : null,
        };
        return (item, tiles, provenance);
    }
}

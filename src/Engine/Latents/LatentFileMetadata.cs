using System.Text.Json.Nodes;
using VideoPipe.Abstractions;
using VideoPipe.Media;

namespace VideoPipe.Engine;

/// <summary>
/// What every latent file records about itself (format <see cref="LatentFile.FormatName"/>), whichever job wrote
/// it. In a safetensors header each field is one string entry of <c>__metadata__</c> (text fields as they are,
/// everything else as compact canonical JSON); in manifests and WebDataset <c>.json</c> members the same fields
/// are typed JSON. Fields a job cannot know (a pipeline has no config fingerprint, precompute no time range) are
/// left out rather than guessed. No field holds a wall-clock time, so reruns give byte-identical files.
/// docs/precompute.md explains each field.
/// </summary>
public sealed record LatentFileMetadata
{
    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "format", "item_id", "source_path", "source_sha256", "tokenizer_family", "tokenizer_preset", "tokenizer_version",
        "weights_sha256", "latent_dtype", "model_dtype", "posterior", "config_fingerprint", "program_version", "crop",
    };

    public required string ItemId { get; init; }

    /// <summary>The source as the work list names it (relative key or path).</summary>
    public required string SourcePath { get; init; }

    public string? SourceSha256 { get; init; }

    public long? SourceBytes { get; init; }

    /// <summary>Start and end of a time-range clip in seconds (pipelines' work items).</summary>
    public double? StartSeconds { get; init; }

    public double? EndSeconds { get; init; }

    /// <summary>Window number of a frame-window clip (precompute).</summary>
    public int? ClipIndex { get; init; }

    /// <summary>First sampled frame of the clip within its source (0 for a time-range clip: its own start).</summary>
    public long ClipStart { get; init; }

    /// <summary>Frames in the clip (real frames, without any padding the frame rule needed).</summary>
    public required int ClipFrames { get; init; }

    /// <summary>Source frame index of every frame in the clip.</summary>
    public IReadOnlyList<long>? FrameIndices { get; init; }

    /// <summary>Presentation time (seconds from the stream start) of every frame in the clip.</summary>
    public IReadOnlyList<double>? FramePts { get; init; }

    public double? SourceFps { get; init; }

    /// <summary>The clip's frame rate (after any resampling).</summary>
    public required double SampledFps { get; init; }

    public FrameSize? OriginalSize { get; init; }

    public FrameSize? ResizedSize { get; init; }

    /// <summary>x, y, width, height of the cut inside the resized frame.</summary>
    public IReadOnlyList<int>? CropBox { get; init; }

    public string? Crop { get; init; }

    public FrameSize? ProcessedSize { get; init; }

    public required string TokenizerFamily { get; init; }

    public required string TokenizerPreset { get; init; }

    public required string TokenizerVersion { get; init; }

    public string? WeightsSha256 { get; init; }

    public string? ModelDType { get; init; }

    /// <summary>Shape [C, t, h, w] of the one tensor of a single-tile clip (null when the clip has several tiles).</summary>
    public IReadOnlyList<long>? LatentShape { get; init; }

    public required string LatentDType { get; init; }

    public required double ScalingScale { get; init; }

    public required double ScalingShift { get; init; }

    public required bool ScalingApplied { get; init; }

    public required PosteriorMode Posterior { get; init; }

    /// <summary>The seed of a sampled posterior (null for the mean).</summary>
    public required ulong? Seed { get; init; }

    /// <summary>How the clip was encoded (family settings, tile defaults).</summary>
    public JsonObject? Tiling { get; init; }

    /// <summary>The temporal tiles the file holds, one tensor each, in order.</summary>
    public required IReadOnlyList<TileGeometry> Tiles { get; init; }

    /// <summary>Facts stages recorded on the work item (e.g. the decode settings a metrics stage re-reads with).</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public string? ConfigFingerprint { get; init; }

    public required string ProgramVersion { get; init; }

    /// <summary>The provenance a decoder needs, as the Engine's stages carry it.</summary>
    public LatentProvenance Provenance => new()
    {
        Family = TokenizerFamily,
        Variant = TokenizerPreset,
        Version = TokenizerVersion,
        Scaling = new LatentScaling(ScalingScale, ScalingShift, ScalingApplied),
        ScalingApplied = ScalingApplied,
        Posterior = Posterior,
        Seed = Seed,
    };

    public IEnumerable<KeyValuePair<string, JsonNode?>> Fields()
    {
        yield return Field("format", LatentFile.FormatName);
        yield return Field("item_id", ItemId);
        yield return Field("source_path", SourcePath);
        foreach (var optional in OptionalSourceFields())
        {
            yield return optional;
        }

        yield return Field("clip_start", ClipStart);
        yield return Field("clip_frames", ClipFrames);
        yield return Field("sampled_fps", Math.Round(SampledFps, 6));
        foreach (var optional in OptionalFramingFields())
        {
            yield return optional;
        }

        yield return Field("tokenizer_family", TokenizerFamily);
        yield return Field("tokenizer_preset", TokenizerPreset);
        yield return Field("tokenizer_version", TokenizerVersion);
        foreach (var optional in Optional(("weights_sha256", WeightsSha256), ("model_dtype", ModelDType)))
        {
            yield return optional;
        }

        if (LatentShape is not null)
        {
            yield return Field("latent_shape", new JsonArray(LatentShape.Select(v => (JsonNode?)v).ToArray()));
        }

        yield return Field("latent_dtype", LatentDType);
        yield return Field("scaling_scale", ScalingScale);
        yield return Field("scaling_shift", ScalingShift);
        yield return Field("scaling_applied", ScalingApplied);
        yield return Field("posterior", Posterior.ToString().ToLowerInvariant());
        yield return Field("seed", Seed);
        if (Tiling is not null)
        {
            yield return Field("tiling", CanonicalJson.Sort(Tiling));
        }

        yield return Field("tiles", new JsonArray(Tiles.Select(TileJson.ToJson).ToArray()));
        yield return Field("attributes", new JsonObject(Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value))));
        foreach (var optional in Optional(("config_fingerprint", ConfigFingerprint)))
        {
            yield return optional;
        }

        yield return Field("program_version", ProgramVersion);
    }

    /// <summary>The safetensors <c>__metadata__</c> strings.</summary>
    public IReadOnlyDictionary<string, string> ToHeaderStrings() =>
        Fields().ToDictionary(
            field => field.Key,
            field => TextFields.Contains(field.Key) ? field.Value!.GetValue<string>() : CanonicalJson.Serialize(field.Value),
            StringComparer.Ordinal);

    /// <summary>Typed JSON (WebDataset .json members, manifest lines).</summary>
    public JsonObject ToJson() => new(Fields());

    /// <summary>Turns safetensors header strings into typed JSON (the manifest's view of a file).</summary>
    public static JsonObject HeaderStringsToJson(IReadOnlyDictionary<string, string> header)
    {
        var json = new JsonObject();
        foreach (var (key, value) in header.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = TextFields.Contains(key) ? value : ParseOrText(value);
        }

        return json;
    }

    /// <summary>
    /// Reads a header written in this format or in the earlier precompute format <see cref="LatentFile.LegacyFormatName"/>
    /// (one whole-clip tensor, no tile list: its one tile is the whole clip).
    /// </summary>
    public static LatentFileMetadata FromHeaderStrings(IReadOnlyDictionary<string, string> header, string file) =>
        LatentMetadataReader.Read(HeaderStringsToJson(header), file);

    private IEnumerable<KeyValuePair<string, JsonNode?>> OptionalSourceFields()
    {
        foreach (var field in Optional(("source_sha256", SourceSha256)))
        {
            yield return field;
        }

        if (SourceBytes is { } bytes)
        {
            yield return Field("source_bytes", bytes);
        }

        if (StartSeconds is { } start)
        {
            yield return Field("start_seconds", start);
        }

        if (EndSeconds is { } end)
        {
            yield return Field("end_seconds", end);
        }

        if (ClipIndex is { } index)
        {
            yield return Field("clip_index", index);
        }
    }

    private IEnumerable<KeyValuePair<string, JsonNode?>> OptionalFramingFields()
    {
        if (FrameIndices is not null)
        {
            yield return Field("frame_indices", new JsonArray(FrameIndices.Select(i => (JsonNode?)i).ToArray()));
        }

        if (FramePts is not null)
        {
            yield return Field("frame_pts", new JsonArray(FramePts.Select(p => (JsonNode?)Math.Round(p, 6)).ToArray()));
        }

        if (SourceFps is { } fps)
        {
            yield return Field("source_fps", Math.Round(fps, 6));
        }

        var sizes = new (string Key, FrameSize? Size)[] { ("original_size", OriginalSize), ("resized_size", ResizedSize) };
        foreach (var (key, size) in sizes.Where(s => s.Size is not null))
        {
            yield return Field(key, Size(size!.Value));
        }

        foreach (var field in Optional(("crop", Crop)))
        {
            yield return field;
        }

        if (CropBox is not null)
        {
            yield return Field("crop_box", new JsonArray(CropBox.Select(v => (JsonNode?)v).ToArray()));
        }

        if (ProcessedSize is { } processed)
        {
            yield return Field("processed_size", Size(processed));
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Optional(params (string Key, string? Value)[] fields) =>
        fields.Where(f => f.Value is not null).Select(f => Field(f.Key, f.Value));

    private static JsonNode? ParseOrText(string value)
    {
        try
        {
            return JsonNode.Parse(value);
        }
        catch (System.Text.Json.JsonException)
        {
            return value;
        }
    }

    private static JsonArray Size(FrameSize size) => new(size.Width, size.Height);

    private static KeyValuePair<string, JsonNode?> Field(string key, JsonNode? value) => KeyValuePair.Create(key, value);
}

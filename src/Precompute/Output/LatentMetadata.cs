using System.Text.Json.Nodes;

namespace VideoPipe.Precompute;

/// <summary>
/// What every latent file records about itself. In a safetensors header each field is one string entry of
/// <c>__metadata__</c> (text fields as they are, everything else as compact JSON); in the manifest and in
/// WebDataset <c>.json</c> members the same fields are typed JSON. No field holds a time, so reruns give
/// byte-identical files. docs/precompute.md explains each field.
/// </summary>
public sealed record LatentMetadata
{
    public const string FormatName = "videopipe.latent.v1";

    /// <summary>The tensor name of the latent inside the safetensors file.</summary>
    public const string LatentTensorName = "latent";

    private static readonly HashSet<string> TextFields = new(StringComparer.Ordinal)
    {
        "format", "item_id", "source_path", "source_sha256", "tokenizer_family", "tokenizer_preset", "tokenizer_version",
        "weights_sha256", "latent_dtype", "model_dtype", "posterior", "config_fingerprint", "program_version", "crop",
    };

    public required string ItemId { get; init; }

    public required string SourcePath { get; init; }

    public required string SourceSha256 { get; init; }

    public required long SourceBytes { get; init; }

    public required int ClipIndex { get; init; }

    public required long ClipStart { get; init; }

    public required int ClipFrames { get; init; }

    /// <summary>Source frame index of every frame in the clip.</summary>
    public required IReadOnlyList<long> FrameIndices { get; init; }

    /// <summary>Presentation time (seconds from the stream start) of every frame in the clip.</summary>
    public required IReadOnlyList<double> FramePts { get; init; }

    public required double SourceFps { get; init; }

    public required double SampledFps { get; init; }

    public required FrameSize OriginalSize { get; init; }

    public required FrameSize ResizedSize { get; init; }

    /// <summary>x, y, width, height of the cut inside the resized frame.</summary>
    public required IReadOnlyList<int> CropBox { get; init; }

    public required string Crop { get; init; }

    public required FrameSize ProcessedSize { get; init; }

    public required string TokenizerFamily { get; init; }

    public required string TokenizerPreset { get; init; }

    public required string TokenizerVersion { get; init; }

    public required string WeightsSha256 { get; init; }

    public required string ModelDType { get; init; }

    public required IReadOnlyList<long> LatentShape { get; init; }

    public required string LatentDType { get; init; }

    public required double ScalingScale { get; init; }

    public required double ScalingShift { get; init; }

    public required bool ScalingApplied { get; init; }

    public required string Posterior { get; init; }

    /// <summary>The seed of a sampled posterior (null for the mean).</summary>
    public required ulong? Seed { get; init; }

    public required JsonObject Tiling { get; init; }

    public required string ConfigFingerprint { get; init; }

    public required string ProgramVersion { get; init; }

    public IEnumerable<KeyValuePair<string, JsonNode?>> Fields()
    {
        yield return Field("format", FormatName);
        yield return Field("item_id", ItemId);
        yield return Field("source_path", SourcePath);
        yield return Field("source_sha256", SourceSha256);
        yield return Field("source_bytes", SourceBytes);
        yield return Field("clip_index", ClipIndex);
        yield return Field("clip_start", ClipStart);
        yield return Field("clip_frames", ClipFrames);
        yield return Field("frame_indices", new JsonArray(FrameIndices.Select(i => (JsonNode?)i).ToArray()));
        yield return Field("frame_pts", new JsonArray(FramePts.Select(p => (JsonNode?)Math.Round(p, 6)).ToArray()));
        yield return Field("source_fps", Math.Round(SourceFps, 6));
        yield return Field("sampled_fps", Math.Round(SampledFps, 6));
        yield return Field("original_size", Size(OriginalSize));
        yield return Field("resized_size", Size(ResizedSize));
        yield return Field("crop", Crop);
        yield return Field("crop_box", new JsonArray(CropBox.Select(v => (JsonNode?)v).ToArray()));
        yield return Field("processed_size", Size(ProcessedSize));
        yield return Field("tokenizer_family", TokenizerFamily);
        yield return Field("tokenizer_preset", TokenizerPreset);
        yield return Field("tokenizer_version", TokenizerVersion);
        yield return Field("weights_sha256", WeightsSha256);
        yield return Field("model_dtype", ModelDType);
        yield return Field("latent_shape", new JsonArray(LatentShape.Select(v => (JsonNode?)v).ToArray()));
        yield return Field("latent_dtype", LatentDType);
        yield return Field("scaling_scale", ScalingScale);
        yield return Field("scaling_shift", ScalingShift);
        yield return Field("scaling_applied", ScalingApplied);
        yield return Field("posterior", Posterior);
        yield return Field("seed", Seed);
        yield return Field("tiling", CanonicalJson.Sort(Tiling));
        yield return Field("config_fingerprint", ConfigFingerprint);
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

    /// <summary>Turns safetensors header strings back into typed JSON (the manifest's view of a file).</summary>
    public static JsonObject HeaderStringsToJson(IReadOnlyDictionary<string, string> header)
    {
        var json = new JsonObject();
        foreach (var (key, value) in header.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = TextFields.Contains(key) ? value : ParseOrText(value);
        }

        return json;
    }

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

using System.Text.Json.Nodes;
using VideoPipe.Abstractions;
using VideoPipe.Media;

namespace VideoPipe.Engine;

/// <summary>
/// Typed JSON of a latent file's metadata back to <see cref="LatentFileMetadata"/>, naming the file and the field
/// when something is missing or malformed. Accepts this format and the earlier precompute format.
/// </summary>
internal static class LatentMetadataReader
{
    public static LatentFileMetadata Read(JsonObject json, string file)
    {
        var format = Text(json, "format", file);
        var legacy = format == LatentFile.LegacyFormatName;
        if (!legacy && format != LatentFile.FormatName)
        {
            throw new InvalidDataException($"{file}: format '{format}' is neither {LatentFile.FormatName} nor {LatentFile.LegacyFormatName}");
        }

        try
        {
            var frames = Required<int>(json, "clip_frames", file);
            var fps = Required<double>(json, "sampled_fps", file);
            return new LatentFileMetadata
            {
                ItemId = Text(json, "item_id", file),
                SourcePath = Text(json, "source_path", file),
                SourceSha256 = json["source_sha256"]?.GetValue<string>(),
                SourceBytes = json["source_bytes"]?.GetValue<long>(),
                StartSeconds = json["start_seconds"]?.GetValue<double>(),
                EndSeconds = json["end_seconds"]?.GetValue<double>(),
                ClipIndex = json["clip_index"]?.GetValue<int>(),
                ClipStart = json["clip_start"]?.GetValue<long>() ?? 0,
                ClipFrames = frames,
                FrameIndices = json["frame_indices"]?.AsArray().Select(n => n!.GetValue<long>()).ToList(),
                FramePts = json["frame_pts"]?.AsArray().Select(n => n!.GetValue<double>()).ToList(),
                SourceFps = json["source_fps"]?.GetValue<double>(),
                SampledFps = fps,
                OriginalSize = Size(json["original_size"]),
                ResizedSize = Size(json["resized_size"]),
                CropBox = json["crop_box"]?.AsArray().Select(n => n!.GetValue<int>()).ToList(),
                Crop = json["crop"]?.GetValue<string>(),
                ProcessedSize = Size(json["processed_size"]),
                TokenizerFamily = Text(json, "tokenizer_family", file),
                TokenizerPreset = Text(json, "tokenizer_preset", file),
                TokenizerVersion = Text(json, "tokenizer_version", file),
                WeightsSha256 = json["weights_sha256"]?.GetValue<string>(),
                ModelDType = json["model_dtype"]?.GetValue<string>(),
                LatentShape = json["latent_shape"]?.AsArray().Select(n => n!.GetValue<long>()).ToList(),
                LatentDType = Text(json, "latent_dtype", file),
                ScalingScale = Required<double>(json, "scaling_scale", file),
                ScalingShift = Required<double>(json, "scaling_shift", file),
                ScalingApplied = Required<bool>(json, "scaling_applied", file),
                Posterior = Enum.Parse<PosteriorMode>(Text(json, "posterior", file), ignoreCase: true),
                Seed = json["seed"]?.GetValue<ulong>(),
                Tiling = json["tiling"] as JsonObject,
                Tiles = legacy
                    ? [LatentFile.WholeClipTile(frames, fps)]
                    : (json["tiles"] as JsonArray ?? throw Missing(file, "tiles")).Select(t => TileJson.FromJson(t!, file)).ToList(),
                Attributes = (json["attributes"] as JsonObject)?.ToDictionary(a => a.Key, a => a.Value!.GetValue<string>())
                    ?? new Dictionary<string, string>(),
                ConfigFingerprint = json["config_fingerprint"]?.GetValue<string>(),
                ProgramVersion = Text(json, "program_version", file),
            };
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{file}: malformed {format} metadata: {ex.Message}", ex);
        }
    }

    private static string Text(JsonObject json, string key, string file) =>
        json[key] is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw Missing(file, key);

    private static T Required<T>(JsonObject json, string key, string file) =>
        json[key] is { } value ? value.GetValue<T>() : throw Missing(file, key);

    private static FrameSize? Size(JsonNode? node) =>
        node is JsonArray { Count: 2 } pair ? new FrameSize(pair[0]!.GetValue<int>(), pair[1]!.GetValue<int>()) : null;

    private static InvalidDataException Missing(string file, string key) =>
        new($"{file}: latent metadata lacks '{key}' (not a VideoPipe latent file?)");
}

using System.Text.Json;
using System.Text.Json.Nodes;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// A pipeline's <c>datasets.&lt;name&gt;</c> object and the precompute settings it holds, both ways: the
/// precompute command writes its settings with <see cref="Write"/> and every run reads them back with
/// <see cref="Read"/>, so a graph built in code and the same graph written as JSON run the same settings.
/// </summary>
public static class DatasetOptionsJson
{
    private static readonly string[] Keys =
    [
        "output", "tokenizer", "input", "clipFrames", "clipStride", "maxClipFrames", "fps", "size", "buckets", "crop", "shard", "format",
        "posterior", "seed", "scaled", "latentDType", "settings", "itemTimeoutSeconds", "decodeNice",
        "maxConsecutiveQuarantines", "archiveTargetBytes",
    ];

    /// <summary>The dataset object of <paramref name="options"/>; <c>tokenizer</c> names the pipeline's tokenizer that encodes it.</summary>
    public static JsonObject Write(PrecomputeOptions options, string tokenizerName)
    {
        var json = new JsonObject
        {
            ["output"] = options.OutputDirectory,
            ["tokenizer"] = tokenizerName,
            ["input"] = options.Input,
            ["clipFrames"] = options.ClipFrames,
            ["clipStride"] = options.ClipStride,
            ["maxClipFrames"] = options.MaxClipFrames,
            ["fps"] = options.Fps,
            ["size"] = options.Size?.ToString(),
            ["buckets"] = options.Buckets.Count == 0 ? null : new JsonArray(options.Buckets.Select(b => (JsonNode?)b.Name).ToArray()),
            ["crop"] = options.Crop == CropMode.Center ? "center" : "none",
            ["shard"] = options.Shard.ToString(),
            ["format"] = options.Format == OutputFormat.WebDataset ? "wds" : "safetensors",
            ["posterior"] = options.Posterior == PosteriorMode.Sample ? "sample" : "mean",
            ["seed"] = options.Seed,
            ["scaled"] = options.Scaled,
            ["latentDType"] = options.LatentDType.TorchName(),
            ["settings"] = new JsonObject(options.TokenizerSettings.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["itemTimeoutSeconds"] = options.ItemTimeout.TotalSeconds,
            ["decodeNice"] = options.DecodeNice,
            ["maxConsecutiveQuarantines"] = options.MaxConsecutiveQuarantines,
            ["archiveTargetBytes"] = options.ArchiveTargetBytes,
        };
        foreach (var key in json.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            json.Remove(key);
        }

        return json;
    }

    /// <summary>
    /// Reads a dataset object; relative <c>output</c> and <c>input</c> resolve against <paramref name="baseDirectory"/>.
    /// Problems are added to <paramref name="errors"/> under <paramref name="jsonPath"/> (the result is then null).
    /// </summary>
    public static PrecomputeOptions? Read(JsonElement json, string jsonPath, string baseDirectory, List<ValidationError> errors)
    {
        var before = errors.Count;
        void Error(string key, string message) => errors.Add(new ValidationError($"{jsonPath}.{key}", message));
        if (json.TryGetProperty("maxAttempts", out _))
        {
            Error("maxAttempts", "attempts are the pipeline's policy for every stage: set \"attempts\" at the top level instead");
        }

        foreach (var property in json.EnumerateObject().Where(p => p.Name != "maxAttempts" && !Keys.Contains(p.Name, StringComparer.Ordinal)))
        {
            Error(property.Name, $"unknown dataset option; valid: {string.Join(", ", Keys)}");
        }

        JsonElement? Get(string key) => json.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        string? Text(string key)
        {
            if (Get(key) is not { } value)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            Error(key, $"must be a string, got {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }

        T? Number<T>(string key, Func<JsonElement, (bool, T)> parse, string expected)
            where T : struct
        {
            if (Get(key) is not { } value)
            {
                return null;
            }

            var (ok, result) = value.ValueKind == JsonValueKind.Number ? parse(value) : (false, default);
            if (!ok)
            {
                Error(key, $"must be {expected}, got {value.GetRawText()}");
                return null;
            }

            return result;
        }

        int? Int(string key, int minimum) =>
            Number(key, v => v.TryGetInt32(out var i) && i >= minimum ? (true, i) : (false, 0), $"an integer >= {minimum}");

        T Choice<T>(string key, T fallback, params (string Name, T Value)[] choices)
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            foreach (var (name, value) in choices)
            {
                if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Error(key, $"'{text}' is not one of: {string.Join(", ", choices.Select(c => c.Name))}");
            return fallback;
        }

        T? Parsed<T>(string key, Func<string, T> parse)
            where T : class
        {
            try
            {
                return Text(key) is { } text ? parse(text) : null;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                Error(key, ex.Message);
                return null;
            }
        }

        var output = Text("output");
        if (output is null)
        {
            Error("output", "is required: the dataset folder");
        }

        var tokenizer = Text("tokenizer");
        if (tokenizer is null)
        {
            Error("tokenizer", "is required: the name of the tokenizer (under $.tokenizers) that encodes the dataset");
        }

        FrameSize? size = null;
        if (Text("size") is { } sizeText)
        {
            try
            {
                size = FrameSize.Parse(sizeText);
            }
            catch (FormatException ex)
            {
                Error("size", ex.Message);
            }
        }

        var buckets = new List<Bucket>();
        if (Get("buckets") is { } bucketsJson)
        {
            if (bucketsJson.ValueKind != JsonValueKind.Array || bucketsJson.EnumerateArray().Any(b => b.ValueKind != JsonValueKind.String))
            {
                Error("buckets", "must be an array of \"WxH\" or \"WxHxF\" strings");
            }
            else
            {
                try
                {
                    buckets.AddRange(Bucket.ParseList(string.Join(',', bucketsJson.EnumerateArray().Select(b => b.GetString()))));
                }
                catch (FormatException ex)
                {
                    Error("buckets", ex.Message);
                }
            }

            if (size is not null)
            {
                Error("buckets", "and size exclude each other: buckets choose the size per source");
            }
        }

        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (Get("settings") is { } settingsJson)
        {
            if (settingsJson.ValueKind != JsonValueKind.Object)
            {
                Error("settings", "must be an object (the family's encode settings, e.g. {\"tiling\": true})");
            }
            else
            {
                // As the encode and decode stages take them: strings, numbers or booleans, as text for the family.
                foreach (var property in settingsJson.EnumerateObject())
                {
                    if (OptionReader.ScalarText(property.Value) is { } text)
                    {
                        settings[property.Name] = text;
                    }
                    else
                    {
                        Error("settings", $"'{property.Name}' must be a string, number or boolean, not {property.Value.GetRawText()}");
                    }
                }
            }
        }

        var defaults = new PrecomputeOptions { Input = "", OutputDirectory = "", Tokenizer = "" };
        var options = new PrecomputeOptions
        {
            Input = Text("input") is { } input ? Path.GetFullPath(input, baseDirectory) : "",
            OutputDirectory = output is null ? "" : Path.GetFullPath(output, baseDirectory),
            Tokenizer = tokenizer ?? "",
            ClipFrames = Int("clipFrames", 1),
            ClipStride = Int("clipStride", 1),
            MaxClipFrames = Int("maxClipFrames", 1) ?? defaults.MaxClipFrames,
            Fps = Number("fps", v => v.TryGetDouble(out var d) && d > 0 && double.IsFinite(d) ? (true, d) : (false, 0), "a positive number"),
            Size = size,
            Buckets = buckets,
            Crop = Choice("crop", CropMode.Center, ("center", CropMode.Center), ("none", CropMode.None)),
            Shard = Parsed("shard", ShardSpec.Parse) ?? ShardSpec.Single,
            Format = Choice("format", OutputFormat.Safetensors, ("safetensors", OutputFormat.Safetensors), ("wds", OutputFormat.WebDataset), ("webdataset", OutputFormat.WebDataset)),
            Posterior = Choice("posterior", PosteriorMode.Mean, ("mean", PosteriorMode.Mean), ("sample", PosteriorMode.Sample)),
            Seed = Number("seed", v => v.TryGetUInt64(out var u) ? (true, u) : (false, 0UL), "a non-negative integer") ?? 0,
            Scaled = Get("scaled") is { } scaled ? scaled.ValueKind is JsonValueKind.True : defaults.Scaled,
            LatentDType = Choice("latentDType", DType.Float32, ("float32", DType.Float32), ("bfloat16", DType.BFloat16), ("float16", DType.Float16)),
            TokenizerSettings = settings,
            ItemTimeout = Number("itemTimeoutSeconds", v => v.TryGetDouble(out var d) && d > 0 ? (true, d) : (false, 0), "a positive number of seconds") is { } seconds
                ? TimeSpan.FromSeconds(seconds)
                : defaults.ItemTimeout,
            DecodeNice = Int("decodeNice", 0) ?? defaults.DecodeNice,
            MaxConsecutiveQuarantines = Int("maxConsecutiveQuarantines", 1) ?? defaults.MaxConsecutiveQuarantines,
            ArchiveTargetBytes = Number("archiveTargetBytes", v => v.TryGetInt64(out var l) && l > 0 ? (true, l) : (false, 0L), "a positive number of bytes") ?? defaults.ArchiveTargetBytes,
        };
        if (Get("scaled") is { ValueKind: not (JsonValueKind.True or JsonValueKind.False) })
        {
            Error("scaled", "must be true or false");
        }

        if (options.DecodeNice > 19)
        {
            Error("decodeNice", "must be in 0..19");
        }

        return errors.Count == before ? options : null;
    }

    /// <summary>The <c>dataset</c> option of a dataset stage.</summary>
    public static string? Reference(JsonElement stageOptions) =>
        stageOptions.ValueKind == JsonValueKind.Object && stageOptions.TryGetProperty("dataset", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()
            : null;
}

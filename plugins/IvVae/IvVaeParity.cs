using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>
/// Interprets a golden step's options (shared/goldens/README.md): encode takes <c>posterior</c>
/// (mean | logvar | moments | sample), <c>scaled</c>, <c>noise</c> ("golden:&lt;name&gt;", the unit normal for
/// sample), <c>seed</c> and <c>chunk_frames</c> (stream the input in chunks of that many frames); decode takes
/// <c>scaled</c> and <c>chunk_latent_frames</c>. Unknown options fail the step rather than being ignored.
/// </summary>
internal static class IvVaeParity
{
    private static readonly HashSet<string> EncodeKeys = ["posterior", "scaled", "noise", "seed", "chunk_frames"];
    private static readonly HashSet<string> DecodeKeys = ["scaled", "chunk_latent_frames"];

    public static Tensor Run(IvVaeTokenizer tokenizer, ParityStep step)
    {
        var options = step.Options;
        using var scope = DisposeScope.Enter();
        var input = step.Input.To(tokenizer.Device);
        Tensor result = step.Op switch
        {
            "encode" => Encode(tokenizer, input, options, step.Golden),
            "decode" => Decode(tokenizer, input, options),
            _ => throw new NotSupportedException($"ivvae parity: unknown op '{step.Op}'"),
        };
        return scope.Keep(result.To(DType.Float32, Device.Cpu));
    }

    private static Tensor Encode(IvVaeTokenizer tokenizer, Tensor video, JsonElement options, Func<string, Tensor> golden)
    {
        CheckKeys(options, EncodeKeys, "encode");
        var posterior = String(options, "posterior") switch
        {
            null or "mean" => PosteriorMode.Mean,
            "sample" => PosteriorMode.Sample,
            "logvar" => PosteriorMode.LogVar,
            "moments" => PosteriorMode.Moments,
            var other => throw new NotSupportedException($"ivvae parity: unknown posterior '{other}'"),
        };
        Tensor? noise = null;
        if (String(options, "noise") is { } source)
        {
            const string prefix = "golden:";
            noise = source.StartsWith(prefix, StringComparison.Ordinal)
                ? golden(source[prefix.Length..])
                : throw new NotSupportedException($"ivvae parity: noise must be 'golden:<name>', got '{source}'");
        }

        var encodeOptions = new EncodeOptions
        {
            Posterior = posterior,
            Scaled = Bool(options, "scaled") ?? true,
            Seed = options.TryGetProperty("seed", out var seed) ? seed.GetUInt64() : null,
        };
        var chunk = options.TryGetProperty("chunk_frames", out var c) ? c.GetInt64() : (long?)null;
        return tokenizer.Encode(UpstreamFrames(tokenizer, video), encodeOptions, noise, chunk);
    }

    /// <summary>
    /// Upstream's encode silently ignores frames after the last whole group; the tokenizer refuses such clips, so
    /// the parity step applies upstream's policy explicitly (trim to 1+4k) to reproduce its goldens.
    /// </summary>
    private static Tensor UpstreamFrames(IvVaeTokenizer tokenizer, Tensor video)
    {
        var frames = video.Size(2);
        var rule = tokenizer.Card.FrameRule;
        return rule.Accepts(frames) || frames < rule.First ? video : video.Narrow(2, 0, rule.RoundDown(frames));
    }

    private static Tensor Decode(IvVaeTokenizer tokenizer, Tensor latents, JsonElement options)
    {
        CheckKeys(options, DecodeKeys, "decode");
        var chunk = options.TryGetProperty("chunk_latent_frames", out var c) ? c.GetInt64() : (long?)null;
        return tokenizer.Decode(latents, new DecodeOptions { Scaled = Bool(options, "scaled") ?? true }, chunk);
    }

    private static void CheckKeys(JsonElement options, HashSet<string> known, string op)
    {
        if (options.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var unknown = options.EnumerateObject().Select(p => p.Name).Where(n => !known.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"ivvae parity: {op} does not understand option(s) {string.Join(", ", unknown)}");
        }
    }

    private static string? String(JsonElement options, string key) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool? Bool(JsonElement options, string key) =>
        options.ValueKind == JsonValueKind.Object && options.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}

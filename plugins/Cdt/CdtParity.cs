using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// Interprets the cdt options of a golden step (shared/goldens/README.md): encode — posterior, chunk_frames,
/// seed; decode — steps, noise ("golden:&lt;name&gt;" = upstream's unit draw), chunk_latent_frames, seed,
/// cache_mapping_block.
/// </summary>
public static class CdtParity
{
    public static Tensor Run(CdtTokenizer tokenizer, ParityStep step)
    {
        var settings = new Dictionary<string, string>();
        Copy(step.Options, settings, "chunk_frames", CdtSettingKeys.ChunkFrames.Name);
        Copy(step.Options, settings, "chunk_latent_frames", CdtSettingKeys.ChunkLatentFrames.Name);
        Copy(step.Options, settings, "steps", CdtSettingKeys.Steps.Name);
        Copy(step.Options, settings, "cache_mapping_block", CdtSettingKeys.CacheMappingBlock.Name);
        var seed = Option(step.Options, "seed") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : (ulong?)null;

        switch (step.Op)
        {
            case "encode":
                return tokenizer.Encode(step.Input, new EncodeOptions
                {
                    Posterior = ParsePosterior(Option(step.Options, "posterior") ?? "mean"),
                    Seed = seed,
                    Settings = settings,
                });
            case "decode":
                var options = new DecodeOptions { Seed = seed, Settings = settings };
                if (Option(step.Options, "noise") is { } noise)
                {
                    return tokenizer.Decode(step.Input, options, new GivenNoise(step.Golden(noise), tokenizer.Config.TimeFactor));
                }

                return tokenizer.Decode(step.Input, options);
            default:
                throw new ArgumentException($"unknown cdt parity op '{step.Op}' (expected encode or decode)");
        }
    }

    public static PosteriorMode ParsePosterior(string text) => text.ToLowerInvariant() switch
    {
        "mean" or "mode" => PosteriorMode.Mean,
        "logvar" => PosteriorMode.LogVar,
        "moments" => PosteriorMode.Moments,
        "sample" => PosteriorMode.Sample,
        _ => throw new ArgumentException($"unknown posterior '{text}' (mean, logvar, moments or sample)"),
    };

    private static void Copy(JsonElement options, Dictionary<string, string> settings, string option, string key)
    {
        if (Option(options, option) is { } value)
        {
            settings[key] = value;
        }
    }

    /// <summary>An option as text whether the JSON holds a string, a number or a boolean.</summary>
    private static string? Option(JsonElement options, string name)
    {
        if (options.ValueKind != JsonValueKind.Object || !options.TryGetProperty(name, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => null,
            _ => throw new ArgumentException($"option '{name}' must be a string, number or boolean"),
        };
    }
}

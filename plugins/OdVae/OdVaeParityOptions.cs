using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Tiling;

namespace VideoPipe.Plugins.OdVae;

/// <summary>
/// The options of an odvae golden step (shared/goldens/README.md): <c>posterior</c> (mean, logvar, moments, sample),
/// <c>tiling</c> (object with the five upstream tile_* keys; missing keys take upstream defaults), <c>noise</c>
/// ("golden:&lt;name&gt;") or <c>seed</c> for sampling, and <c>scaled</c> (latent times 0.18215; default false).
/// </summary>
public sealed record OdVaeParityOptions(PosteriorMode Posterior, OdVaeTiling? Tiling, string? NoiseReference, ulong? Seed, bool Scaled)
{
    public static OdVaeParityOptions Parse(JsonElement options)
    {
        var posterior = PosteriorMode.Mean;
        OdVaeTiling? tiling = null;
        string? noise = null;
        ulong? seed = null;
        var scaled = false;
        if (options.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in options.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "posterior":
                        posterior = ParsePosterior(p.Value.GetString());
                        break;
                    case "tiling":
                        tiling = ParseTiling(p.Value);
                        break;
                    case "noise":
                        noise = p.Value.GetString();
                        break;
                    case "seed":
                        seed = p.Value.GetUInt64();
                        break;
                    case "scaled":
                        scaled = p.Value.GetBoolean();
                        break;
                    default:
                        throw new NotSupportedException($"OD-VAE parity: unknown option '{p.Name}'");
                }
            }
        }

        return new OdVaeParityOptions(posterior, tiling, noise, seed, scaled);
    }

    private static PosteriorMode ParsePosterior(string? text) => text switch
    {
        "mean" => PosteriorMode.Mean,
        "logvar" => PosteriorMode.LogVar,
        "moments" => PosteriorMode.Moments,
        "sample" => PosteriorMode.Sample,
        _ => throw new NotSupportedException($"OD-VAE parity: unknown posterior '{text}' (mean, logvar, moments, sample)"),
    };

    private static OdVaeTiling? ParseTiling(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.False:
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True:
                return OdVaeTiling.UpstreamDefaults;
            case JsonValueKind.Object:
                var settings = new Dictionary<string, string>();
                foreach (var p in value.EnumerateObject())
                {
                    if (p.Name == OdVaeSettingKeys.Tiling.Name || OdVaeSettingKeys.Schema.Keys.All(k => k.Name != p.Name))
                    {
                        throw new NotSupportedException($"OD-VAE parity: unknown tiling key '{p.Name}' (expected one of the tile_* settings)");
                    }

                    settings[p.Name] = p.Value.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                }

                return (OdVaeSettings.Read(settings) with { Tiling = true }).Resolve(OdVaeTiling.UpstreamDefaults);
            default:
                throw new NotSupportedException($"OD-VAE parity: 'tiling' must be an object or a boolean, got {value.ValueKind}");
        }
    }
}

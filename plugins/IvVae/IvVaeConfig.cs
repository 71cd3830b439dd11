using System.Globalization;
using System.Text.Json;

namespace VideoPipe.Plugins.IvVae;

/// <summary>
/// The upstream <c>VAutoencoder3d</c> constructor configuration (keys as upstream spells them, including
/// <c>temperal_downsample</c>). Defaults are upstream's constructor defaults.
/// </summary>
public sealed record IvVaeConfig
{
    /// <summary>Width of ONE branch at stage 0 (a stage with multiplier m has 2·m·dim channels).</summary>
    public int Dim { get; init; } = 64;

    /// <summary>Latent channels (keyframe half + temporal half).</summary>
    public int ZDim { get; init; } = 4;

    public IReadOnlyList<int> DimMult { get; init; } = [1, 2, 4, 4];

    public int NumResBlocks { get; init; } = 2;

    public IReadOnlyList<double> AttnScales { get; init; } = [];

    public IReadOnlyList<bool> TemporalDownsample { get; init; } = [false, true, true];

    public double Dropout { get; init; }

    public double ScaleFactor { get; init; } = 1.0;

    public double ShiftFactor { get; init; }

    /// <summary>What the card calls this architecture: the preset's name, else "custom" (not an upstream key).</summary>
    public string Variant { get; init; } = "custom";

    /// <summary>Stages (the length of <see cref="DimMult"/>).</summary>
    public int Stages => DimMult.Count;

    public static IvVaeConfig FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"ivvae config must be a JSON object, got {json.ValueKind}");
        }

        var config = new IvVaeConfig();
        foreach (var property in json.EnumerateObject())
        {
            var v = property.Value;
            config = property.Name switch
            {
                "dim" => config with { Dim = v.GetInt32() },
                "z_dim" => config with { ZDim = v.GetInt32() },
                "dim_mult" => config with { DimMult = v.EnumerateArray().Select(e => e.GetInt32()).ToArray() },
                "num_res_blocks" => config with { NumResBlocks = v.GetInt32() },
                "attn_scales" => config with { AttnScales = v.EnumerateArray().Select(e => e.GetDouble()).ToArray() },
                "temperal_downsample" or "temporal_downsample" => config with { TemporalDownsample = v.EnumerateArray().Select(e => e.GetBoolean()).ToArray() },
                "dropout" => config with { Dropout = v.GetDouble() },
                "scale_factor" => config with { ScaleFactor = v.GetDouble() },
                "shift_factor" => config with { ShiftFactor = v.GetDouble() },
                _ => config, // descriptive extras (name, comment) carry no architecture
            };
        }

        config.Validate();
        return config;
    }

    /// <summary>The upstream constructor arguments as JSON (keys as upstream spells them); FromJson reads it back.</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["dim"] = Dim,
        ["z_dim"] = ZDim,
        ["dim_mult"] = DimMult,
        ["num_res_blocks"] = NumResBlocks,
        ["attn_scales"] = AttnScales,
        ["temperal_downsample"] = TemporalDownsample,
        ["dropout"] = Dropout,
        ["scale_factor"] = ScaleFactor,
        ["shift_factor"] = ShiftFactor,
    });

    /// <summary>Rejects configurations the upstream model cannot run (it hard-codes 4x time, 1+4k frames).</summary>
    public void Validate()
    {
        if (Dim <= 0 || ZDim <= 0 || ZDim % 2 != 0)
        {
            throw new ArgumentException($"ivvae config: dim must be positive and z_dim a positive even number (got dim={Dim}, z_dim={ZDim})");
        }

        if (Stages < 2 || DimMult.Any(m => m <= 0))
        {
            throw new ArgumentException($"ivvae config: dim_mult needs at least two positive entries (got [{string.Join(", ", DimMult)}])");
        }

        if (TemporalDownsample.Count != Stages - 1)
        {
            throw new ArgumentException($"ivvae config: temperal_downsample needs {Stages - 1} entries for {Stages} stages (got {TemporalDownsample.Count})");
        }

        if (TemporalDownsample.Count(d => d) != 2)
        {
            throw new ArgumentException("ivvae config: upstream encode/decode hard-code 4x temporal compression, so exactly two temperal_downsample entries must be true");
        }

        if (NumResBlocks < 1)
        {
            throw new ArgumentException($"ivvae config: num_res_blocks must be at least 1 (got {NumResBlocks})");
        }

        if (ScaleFactor == 0 || !double.IsFinite(ScaleFactor) || !double.IsFinite(ShiftFactor))
        {
            throw new ArgumentException($"ivvae config: scale_factor must be finite and non-zero, shift_factor finite (got {ScaleFactor}, {ShiftFactor})");
        }
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"dim={Dim} z_dim={ZDim} dim_mult=[{string.Join(",", DimMult)}] num_res_blocks={NumResBlocks} temperal_downsample=[{string.Join(",", TemporalDownsample)}] scale={ScaleFactor} shift={ShiftFactor}");
}

namespace VideoPipe.Plugins.IvVae;

/// <summary>The four released checkpoints (upstream <c>IV_VAE()</c>): architecture plus latent scale/shift.</summary>
public static class IvVaePresets
{
    public static readonly IReadOnlyDictionary<string, IvVaeConfig> All = new Dictionary<string, IvVaeConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["z4_dim64"] = Released(4, 64, 1.3196, 0.1250),
        ["z8_dim64"] = Released(8, 64, 1.0940, -0.0322),
        ["z16_dim64"] = Released(16, 64, 0.9697, -0.1553),
        ["z16_dim96"] = Released(16, 96, 0.7619, -0.0483),
    };

    /// <summary>Upstream script default (<c>rec_video.py</c>).</summary>
    public const string Default = "z16_dim64";

    /// <summary>Looks a preset up by name, accepting the checkpoint spelling (<c>ivvae_z16_dim64</c>) too.</summary>
    public static IvVaeConfig Get(string name)
    {
        var key = name.StartsWith("ivvae_", StringComparison.OrdinalIgnoreCase) ? name["ivvae_".Length..] : name;
        return All.TryGetValue(key, out var config)
            ? config
            : throw new ArgumentException($"unknown ivvae preset '{name}' (known: {string.Join(", ", All.Keys)})");
    }

    private static IvVaeConfig Released(int z, int dim, double scale, double shift) => new()
    {
        Dim = dim,
        ZDim = z,
        DimMult = [1, 2, 4, 4],
        NumResBlocks = 2,
        AttnScales = [],
        TemporalDownsample = [false, true, true],
        Dropout = 0,
        ScaleFactor = scale,
        ShiftFactor = shift,
    };
}

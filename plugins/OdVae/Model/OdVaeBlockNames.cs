namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>The upstream class names a config may use, and which of them this port implements.</summary>
public static class OdVaeBlockNames
{
    /// <summary>Upstream Normalize: GroupNorm(32, ...); configs may set norm_groups (VideoPipe's extension).</summary>
    public const int NormGroups = 32;
    public const double NormEps = 1e-6;

    public const string Conv2d = "Conv2d";
    public const string CausalConv3d = "CausalConv3d";
    public const string ResnetBlock2D = "ResnetBlock2D";
    public const string ResnetBlock3D = "ResnetBlock3D";

    /// <summary>Ours, not an upstream class: conv1 per frame (2D), conv2 causal 3D; preset odvae-variant2 uses it.</summary>
    public const string ResnetBlock2D3D = "ResnetBlock2D3D";
    public const string AttnBlock3DFix = "AttnBlock3DFix";
    public const string Downsample = "Downsample";
    public const string SpatialDownsample2x = "SpatialDownsample2x";
    public const string Spatial2xTime2x3DDownsample = "Spatial2xTime2x3DDownsample";
    public const string SpatialUpsample2x = "SpatialUpsample2x";
    public const string Spatial2xTime2x3DUpsample = "Spatial2xTime2x3DUpsample";

    public static readonly string[] Convs = [Conv2d, CausalConv3d];
    public static readonly string[] ResnetBlocks = [ResnetBlock2D, ResnetBlock3D, ResnetBlock2D3D];
    public static readonly string[] Attentions = [AttnBlock3DFix];
    public static readonly string[] Downsamplers = ["", Downsample, SpatialDownsample2x, Spatial2xTime2x3DDownsample];
    public static readonly string[] Upsamplers = ["", SpatialUpsample2x, Spatial2xTime2x3DUpsample];

    public static void RequireKnown(string key, IEnumerable<string> names, IReadOnlyCollection<string> implemented)
    {
        foreach (var name in names)
        {
            if (!implemented.Contains(name))
            {
                var allowed = string.Join(", ", implemented.Select(n => n.Length == 0 ? "\"\"" : n));
                throw new NotSupportedException($"OD-VAE config: {key} names '{name}', which this port does not implement (supported: {allowed})");
            }
        }
    }
}

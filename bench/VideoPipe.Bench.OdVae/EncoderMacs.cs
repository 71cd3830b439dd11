using System.Text.RegularExpressions;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Plugins.OdVae.Model;

namespace VideoPipe.Bench.OdVae;

/// <summary>
/// Multiply-accumulates of an encoder's convolutions for one clip, from the model's own weight shapes and the
/// resolution each runs at: a load-independent measure of what the 2D/3D choice of each variant costs. Not counted:
/// the mid attention's frame-by-frame product (the same in every variant) and the element-wise layers.
/// </summary>
internal static partial class EncoderMacs
{
    public static double Count(OdVaeModel model, OdVaeConfig config, int frames, int size)
    {
        var levels = LevelSizes(config, frames, size);
        var total = 0.0;
        foreach (var (key, weight) in model.StateDict())
        {
            if (weight.Dim < 4 || !key.EndsWith(".weight", StringComparison.Ordinal) || !(key.StartsWith("encoder.", StringComparison.Ordinal) || key.StartsWith("quant_conv.", StringComparison.Ordinal)))
            {
                continue;
            }

            var (t, s) = levels[LevelOf(key, config.Levels)];
            var perOutput = weight.Shape.Skip(1).Aggregate(1.0, (a, b) => a * b);
            total += perOutput * weight.Shape[0] * t * s * s;
        }

        return total;
    }

    /// <summary>Frames and side of the output of the convolutions at each level; index Levels = after the last one.</summary>
    private static (long Frames, long Side)[] LevelSizes(OdVaeConfig config, long frames, long side)
    {
        var sizes = new (long, long)[config.Levels + 1];
        for (var i = 0; i < config.Levels; i++)
        {
            sizes[i] = (frames, side);
            var down = config.EncoderSpatialDownsample[i];
            if (down.Length > 0)
            {
                side /= 2;
            }

            if (down == OdVaeBlockNames.Spatial2xTime2x3DDownsample)
            {
                frames = (frames - 1) / 2 + 1;
            }
        }

        sizes[config.Levels] = (frames, side);
        return sizes;
    }

    /// <summary>conv_in runs at level 0, a level's down-sampler writes the next level, mid, conv_out and quant_conv the last.</summary>
    private static int LevelOf(string key, int levels)
    {
        var match = DownLevel().Match(key);
        if (!match.Success)
        {
            return key.StartsWith("encoder.conv_in.", StringComparison.Ordinal) ? 0 : levels - 1;
        }

        var level = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return match.Groups[2].Value == "downsample" ? level + 1 : level;
    }

    [GeneratedRegex(@"^encoder\.down\.(\d+)\.(block|attn|downsample)\.")]
    private static partial Regex DownLevel();
}

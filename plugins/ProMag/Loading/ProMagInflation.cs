using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Layers;
using VideoPipe.Plugins.ProMag.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Loading;

/// <summary>
/// The spec's optional Stage I image initialization (promag.md section 8, <c>ImageInit</c>): a 4x ProMAG starts from an
/// image model of the same layout, the same-width ProMAG without temporal compression (<c>temporal_downsample_at: []</c>,
/// <c>temporal_ratio: 1</c>, the <c>-image</c> presets) trained on single frames. On one frame a causal 3D kernel acts
/// as the sum of its time taps (frame 0 is replicated into the padding), so each image kernel is that sum, or a 2D
/// kernel [O, I, H, W] as it is; <see cref="InflationMode.Tail"/> (the spec's InflateCentral: the current-frame tap of
/// a causal kernel) puts it at the last tap with zeros before, <see cref="InflationMode.Average"/> spreads it evenly.
/// A decoder upsample that also doubles time takes the image model's spatial upsample for both of its sub-frames.
/// Same-shape tensors without a time axis are copied. The video model then encodes and decodes a single frame exactly
/// as the image model does.
/// </summary>
public static class ProMagInflation
{
    public static InflationReport Apply(ProMagModel model, IReadOnlyDictionary<string, Tensor> image, InflationMode mode)
    {
        if (model.GrowthStages > 0)
        {
            throw new ArgumentException($"ProMAG image initialization is for the 4x base (Stage I); this is a {model.Config.TemporalRatio}x model: initialize and train the base, then grow it");
        }

        var timeUpsamples = TimeUpsamples(model);
        List<string> copied = [], inflated = [], kept = [];
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var target = parameter.Value;
            if (!image.TryGetValue(name, out var source))
            {
                kept.Add(name);
                continue;
            }

            // training parameters are written without recording; a loaded model's inference tensors in inference mode
            using var recording = target.IsInference ? null : GradMode.NoGrad();
            using var scope = DisposeScope.Enter();
            var matched = timeUpsamples.TryGetValue(name, out var upsample) ? SubFramesOf(source, upsample, target) : source;
            if (matched is null || !Fits(matched, target))
            {
                kept.Add(name);
                continue;
            }

            if (target.Dim == 5 && target.Size(2) > 1)
            {
                target.CopyFrom(KernelInflation.Inflate(matched.Dim == 4 ? matched.Unsqueeze(2) : matched.Sum([2], keepDim: true), target.Shape, mode));
                inflated.Add(name);
            }
            else
            {
                target.CopyFrom(matched);
                (ReferenceEquals(matched, source) ? copied : inflated).Add(name);
            }
        }

        return new InflationReport(copied, inflated, kept);
    }

    /// <summary>The decoder upsamples that double time, by parameter name: the image model's have one sub-frame.</summary>
    private static Dictionary<string, DepthToSpaceUpsample> TimeUpsamples(ProMagModel model) =>
        Descendants(model, "")
            .Where(m => m.Module is DepthToSpaceUpsample { TimeScale: > 1 })
            .SelectMany(m => new[] { $"{m.Name}.conv.conv.weight", $"{m.Name}.conv.conv.bias" }.Select(n => (Name: n, Upsample: (DepthToSpaceUpsample)m.Module)))
            .ToDictionary(p => p.Name, p => p.Upsample, StringComparer.Ordinal);

    private static IEnumerable<(string Name, Module Module)> Descendants(Module module, string prefix)
    {
        foreach (var (name, child) in module.NamedChildren())
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            yield return (path, child);
            foreach (var descendant in Descendants(child, path))
            {
                yield return descendant;
            }
        }
    }

    /// <summary>
    /// An image upsample's output channels c·s² + j repeated for each of the video upsample's s_t sub-frames
    /// (c·s_t·s² + i_t·s² + j), so every generated frame is the image model's; null when the shapes do not fit.
    /// </summary>
    private static Tensor? SubFramesOf(Tensor source, DepthToSpaceUpsample upsample, Tensor target)
    {
        var perFrame = upsample.SpaceScale * upsample.SpaceScale;
        if (source.Size(0) * upsample.TimeScale != target.Size(0) || source.Size(0) % perFrame != 0)
        {
            return source.Size(0) == target.Size(0) ? source : null;
        }

        var channels = source.Size(0) / perFrame;
        long[] rest = [.. source.Shape.Skip(1)];
        return source.Reshape([channels, 1, perFrame, .. rest]).Expand([channels, upsample.TimeScale, perFrame, .. rest]).Reshape(target.Shape);
    }

    /// <summary>Same shape; or a 2D kernel [O, I, H, W] for a 3D one [O, I, T, H, W].</summary>
    private static bool Fits(Tensor source, Tensor target) =>
        source.Shape.SequenceEqual(target.Shape)
        || (target.Dim == 5 && source.Dim == 4 && source.Shape.SequenceEqual((long[])[target.Size(0), target.Size(1), target.Size(3), target.Size(4)]));
}

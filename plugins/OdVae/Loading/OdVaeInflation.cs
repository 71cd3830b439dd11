using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Loading;

/// <summary>
/// OD-VAE from an image VAE of the same layout (paper section 3.3; spec odvae.md section 15). A video key finds its
/// image counterpart under the same name, or, for a causal 3D convolution (<c>x.conv.weight</c>, 5-D), under the
/// 2D convolution's name (<c>x.weight</c>, 4-D). Same shape: copied. A 3D kernel [O, I, T, H, W] from a 2D kernel
/// [O, I, H, W] (or a 3D one with a time axis of 1, e.g. a per-frame up-sampler): <see cref="InflationMode.Tail"/>
/// puts it at t = T-1 and zeros before, <see cref="InflationMode.Average"/> puts it / T at every t. This includes
/// the joint space-time resamplers, whose spatial part is the image VAE's down/up-sampler: with causal padding
/// (frame 0 replicated) the encoder then equals the image VAE on a single image and on every frame of a static clip.
/// </summary>
public static class OdVaeInflation
{
    public static InflationReport Apply(Module model, IReadOnlyDictionary<string, Tensor> image, InflationMode mode)
    {
        List<string> copied = [], inflated = [], kept = [];
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var target = parameter.Value;
            // Training parameters are written without recording; a loaded model's inference tensors in inference mode.
            using var recording = target.IsInference ? null : GradMode.NoGrad();
            var source = Counterpart(name, target, image);
            if (source is null)
            {
                kept.Add(name);
                continue;
            }

            if (source.Shape.SequenceEqual(target.Shape))
            {
                target.CopyFrom(source);
                copied.Add(name);
                continue;
            }

            using var single = source.Dim == 4 ? source.Unsqueeze(2) : null;
            using var kernel = KernelInflation.Inflate(single ?? source, target.Shape, mode);
            target.CopyFrom(kernel);
            inflated.Add(name);
        }

        return new InflationReport(copied, inflated, kept);
    }

    /// <summary>The image tensor <paramref name="name"/> takes its values from, or null when there is none that fits.</summary>
    private static Tensor? Counterpart(string name, Tensor target, IReadOnlyDictionary<string, Tensor> image)
    {
        if (image.TryGetValue(name, out var same) && Fits(same, target))
        {
            return same;
        }

        foreach (var suffix in (string[])[".conv.weight", ".conv.bias"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)
                && image.TryGetValue(name[..^suffix.Length] + suffix[".conv".Length..], out var flat) && Fits(flat, target))
            {
                return flat;
            }
        }

        return null;
    }

    /// <summary>Same shape; or a 2D kernel (or a 3D one of time length 1) for a 3D kernel with the same O, I, H, W.</summary>
    private static bool Fits(Tensor source, Tensor target)
    {
        if (source.Shape.SequenceEqual(target.Shape))
        {
            return true;
        }

        var t = target.Shape;
        var s = source.Shape;
        return t.Length == 5 && (s.Length == 4 ? s.SequenceEqual((long[])[t[0], t[1], t[3], t[4]]) : s.Length == 5 && s[2] == 1 && s.SequenceEqual((long[])[t[0], t[1], 1, t[3], t[4]]));
    }
}

using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's Upsample, x2 in H and W. CDT-base (new_upsample): nearest x2 then a (1,5,5) causal conv with
/// spatial padding 2. CDT-small: ConvTranspose3d k(1,5,5) s(1,2,2) p(0,2,2) output_padding (0,1,1),
/// weight [Ci,Co,1,5,5].
/// </summary>
public sealed class SpatialUpsample : Module
{
    private readonly CausalConv3d? resizeConv;
    private readonly ConvTranspose? transposedConv;

    public SpatialUpsample(long inChannels, long outChannels, bool nearestThenConv, PadMode padMode)
    {
        if (nearestThenConv)
        {
            resizeConv = Child("conv", new CausalConv3d(inChannels, outChannels, [1, 5, 5], [0, 2, 2], padMode));
        }
        else
        {
            transposedConv = Child("conv", new ConvTranspose(3, inChannels, outChannels, [1, 5, 5], [1, 2, 2], [0, 2, 2], [0, 1, 1]));
        }
    }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        if (transposedConv is not null)
        {
            return scope.Keep(TransposedConv(transposedConv, x));
        }

        // As upstream's Fp32Upsample: the CPU nearest kernel has no bfloat16 version (copies, so exact).
        var upsampled = Functional.Interpolate(x.To(DType.Float32), [1.0, 2.0, 2.0], InterpolationMode.NearestExact).To(x.DType);
        return scope.Keep(resizeConv!.Forward(upsampled));
    }

    /// <summary>
    /// libtorch's CPU ConvTranspose3d fails for bfloat16 (it rejects the [Ci,Co,…] weight as if it were a plain
    /// conv), so reduced-precision CPU inputs run it in float32 and round the result back.
    /// </summary>
    private static Tensor TransposedConv(ConvTranspose conv, Tensor x)
    {
        if (x.DType is DType.Float32 or DType.Float64 || x.Device.Type != DeviceType.Cpu)
        {
            return conv.Forward(x);
        }

        var weight = conv.Weight.Value.To(DType.Float32);
        var bias = conv.Bias?.Value.To(DType.Float32);
        var output = Functional.ConvTranspose(x.To(DType.Float32), weight, bias, [1, 2, 2], [0, 2, 2], [0, 1, 1], 1, [1, 1, 1]);
        return output.To(x.DType);
    }
}

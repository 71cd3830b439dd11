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
        if (transposedConv is not null)
        {
            return transposedConv.Forward(x);
        }

        using var scope = DisposeScope.Enter();
        var upsampled = Functional.Interpolate(x, [1.0, 2.0, 2.0], InterpolationMode.NearestExact);
        return scope.Keep(resizeConv!.Forward(upsampled));
    }
}

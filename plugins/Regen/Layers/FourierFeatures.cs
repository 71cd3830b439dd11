using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>γ(t) = [t, sin(2^j·π·t), cos(2^j·π·t)] for j = 0..F-1: 2F+1 features per time.</summary>
public static class FourierFeatures
{
    public static long Dimension(int frequencies) => 2L * frequencies + 1;

    /// <summary>Times [N] (any float dtype) → features [N, 2F+1].</summary>
    public static Tensor Encode(Tensor times, int frequencies)
    {
        using var scope = DisposeScope.Enter();
        var t = times.Unsqueeze(1);
        var scales = new double[frequencies];
        for (var j = 0; j < frequencies; j++)
        {
            scales[j] = Math.PI * Math.Pow(2, j);
        }

        var angles = t * Tensor.FromArray(scales, 1, frequencies).To(times.DType, times.Device);
        return scope.Keep(Tensor.Cat([t, angles.Sin(), angles.Cos()], 1));
    }
}

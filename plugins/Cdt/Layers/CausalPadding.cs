using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// F.pad for the causal layers. libtorch's CPU replication pad has no bfloat16/float16 kernel, so for those
/// dtypes edge replication is composed from index_select with clamped indices (an exact copy either way).
/// </summary>
public static class CausalPadding
{
    /// <summary><paramref name="pads"/> lists (before, after) pairs from the last dimension backwards, as F.pad.</summary>
    public static Tensor Pad(Tensor x, long[] pads, PadMode mode)
    {
        if (mode != PadMode.Replicate || x.DType is DType.Float32 or DType.Float64)
        {
            return Functional.Pad(x, pads, mode);
        }

        using var scope = DisposeScope.Enter();
        var result = x;
        for (var pair = 0; pair < pads.Length / 2; pair++)
        {
            var (before, after) = (pads[2 * pair], pads[2 * pair + 1]);
            if (before == 0 && after == 0)
            {
                continue;
            }

            var dim = x.Dim - 1 - pair;
            var size = x.Size(dim);
            var indices = new long[size + before + after];
            for (var i = 0; i < indices.Length; i++)
            {
                indices[i] = Math.Clamp(i - before, 0, size - 1);
            }

            result = result.IndexSelect(dim, Tensor.FromArray(indices, indices.Length).To(x.Device));
        }

        return scope.Keep(ReferenceEquals(result, x) ? x.Clone() : result);
    }
}

using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// The reconstruction a tokenizer has to beat without any weights: keep no more values than a 4x temporal / 8x
/// spatial latent holds (every <see cref="TemporalStride"/>-th frame, 0, 4, 8, ..., as the 1 + 4k frame rule
/// keeps them, each averaged over <see cref="SpatialFactor"/> x <see cref="SpatialFactor"/> blocks; another stride
/// matches another latent budget), then upsample
/// bicubically in space (PyTorch's F.interpolate, align_corners false) and linearly in time. Frames after the last
/// kept one (clips that are not 1 + 4k long) repeat it.
/// </summary>
public static class WeightFreeBaseline
{
    public const int SpatialFactor = 8;
    public const int TemporalStride = 4;

    /// <summary>The baseline reconstruction of uint8 [T, H, W, 3] frames (H and W multiples of <see cref="SpatialFactor"/>), uint8 of the same shape.</summary>
    public static Tensor Reconstruct(Tensor frames, int temporalStride = TemporalStride)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(temporalStride, 1);
        if (frames.Dim != 4 || frames.Size(3) != 3 || frames.DType != DType.UInt8)
        {
            throw new ArgumentException($"the baseline takes uint8 [T, H, W, 3] frames, got {frames.DType} [{string.Join(", ", frames.Shape)}]", nameof(frames));
        }

        long t = frames.Size(0), h = frames.Size(1), w = frames.Size(2);
        if (t < 1 || h % SpatialFactor != 0 || w % SpatialFactor != 0 || h == 0 || w == 0)
        {
            throw new ArgumentException($"the baseline needs at least one frame and a size that is a non-zero multiple of {SpatialFactor}, got {t} frames of {w}x{h}", nameof(frames));
        }

        using var scope = DisposeScope.Enter();
        var kept = (t - 1) / temporalStride + 1;
        var keys = frames.IndexSelect(0, Tensor.Arange(0, kept * temporalStride, temporalStride))
            .To(DType.Float32).Permute(0, 3, 1, 2);
        var down = keys.Reshape(kept, 3, h / SpatialFactor, SpatialFactor, w / SpatialFactor, SpatialFactor).Mean([3, 5], keepDim: false);
        var up = Functional.Interpolate(down, [h, w], InterpolationMode.Bicubic);
        var (before, after, weight) = TimeWeights(t, kept, temporalStride);
        var blended = up.IndexSelect(0, before).Mul(weight.Neg().Add(1)).Add(up.IndexSelect(0, after).Mul(weight));
        var result = blended.Clamp(0, 255).Round().To(DType.UInt8).Permute(0, 2, 3, 1).Contiguous();
        return scope.Keep(result);
    }

    /// <summary>Per output frame: the kept frames before and after it and the weight of the one after, [T, 1, 1, 1].</summary>
    private static (Tensor Before, Tensor After, Tensor Weight) TimeWeights(long frames, long kept, int temporalStride)
    {
        var before = new long[frames];
        var after = new long[frames];
        var weight = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var k = Math.Min(i / temporalStride, kept - 1);
            before[i] = k;
            after[i] = Math.Min(k + 1, kept - 1);
            weight[i] = after[i] == k ? 0f : (float)(i - k * temporalStride) / temporalStride;
        }

        return (Tensor.FromArray(before, frames), Tensor.FromArray(after, frames), Tensor.FromArray(weight, frames, 1, 1, 1));
    }
}

namespace VideoPipe.Torch.Losses;

/// <summary>
/// L1 between the high-frequency Haar wavelet sub-bands (LH, HL, HH) of prediction and target, frame by frame, over
/// <c>levels</c> levels (each level splits the previous low band). Penalises the blur a pixel loss tolerates.
/// </summary>
public static class HighFrequencyLoss
{
    /// <summary>Mean over levels of (mean|ΔLH| + mean|ΔHL| + mean|ΔHH|) / 3 for videos [B, C, T, H, W]; odd sizes repeat their last row or column.</summary>
    public static Tensor Loss(Tensor prediction, Tensor target, int levels = 2)
    {
        StructuralSimilarity.CheckShapes(prediction, target, 5);
        if (levels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(levels), levels, "the high-frequency loss needs at least one level");
        }

        using var scope = DisposeScope.Enter();
        // the wavelet is linear, so the sub-bands of the difference are the differences of the sub-bands
        var low = StructuralSimilarity.Frames(prediction - target);
        Tensor? total = null;
        for (var level = 0; level < levels && low.Size(2) >= 2 && low.Size(3) >= 2; level++)
        {
            var (ll, lh, hl, hh) = HaarSplit(EvenSized(low));
            var term = (lh.Abs().Mean() + hl.Abs().Mean() + hh.Abs().Mean()) / 3.0;
            total = total is null ? term : total + term;
            low = ll;
        }

        return scope.Keep(total is null ? Tensor.Scalar(0, prediction.DType, prediction.Device) : total / levels);
    }

    /// <summary>One orthonormal 2D Haar step of [N, C, H, W] (H, W even): low band and the three detail bands.</summary>
    public static (Tensor LL, Tensor LH, Tensor HL, Tensor HH) HaarSplit(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var a = x.Slice(2, 0, step: 2).Slice(3, 0, step: 2);
        var b = x.Slice(2, 0, step: 2).Slice(3, 1, step: 2);
        var c = x.Slice(2, 1, step: 2).Slice(3, 0, step: 2);
        var d = x.Slice(2, 1, step: 2).Slice(3, 1, step: 2);
        return (scope.Keep((a + b + c + d) * 0.5), scope.Keep((a - b + c - d) * 0.5), scope.Keep((a + b - c - d) * 0.5), scope.Keep((a - b - c + d) * 0.5));
    }

    /// <summary>Odd heights or widths get their last row or column repeated.</summary>
    private static Tensor EvenSized(Tensor x)
    {
        var padH = x.Size(2) % 2;
        var padW = x.Size(3) % 2;
        return padH == 0 && padW == 0 ? x : Functional.Pad(x, [0, padW, 0, padH], PadMode.Replicate);
    }
}

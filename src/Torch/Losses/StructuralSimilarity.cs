namespace VideoPipe.Torch.Losses;

/// <summary>
/// SSIM (Wang et al. 2004): Gaussian window (11 taps, σ = 1.5, shrunk to the frame when smaller), K1 = 0.01,
/// K2 = 0.03, valid region, per channel then averaged. Built from differentiable ops, so it is also a loss.
/// </summary>
public static class StructuralSimilarity
{
    public const int WindowSize = 11;
    public const double Sigma = 1.5;

    /// <summary>Mean SSIM of each image for [N, C, H, W] inputs whose values span <paramref name="dataRange"/>: [N].</summary>
    public static Tensor PerImage(Tensor x, Tensor y, double dataRange)
    {
        CheckShapes(x, y, 4);
        var channels = x.Size(1);
        var size = (int)Math.Min(WindowSize, Math.Min(x.Size(2), x.Size(3)));
        using var scope = DisposeScope.Enter();
        var window = GaussianWindow(size, channels, x.DType, x.Device);
        double c1 = Math.Pow(0.01 * dataRange, 2), c2 = Math.Pow(0.03 * dataRange, 2);
        Tensor Filter(Tensor t) => Functional.Conv2d(t, window, groups: channels);
        var muX = Filter(x);
        var muY = Filter(y);
        var sigmaX = Filter(x * x) - muX * muX;
        var sigmaY = Filter(y * y) - muY * muY;
        var sigmaXy = Filter(x * y) - muX * muY;
        var numerator = (muX * muY * 2 + c1) * (sigmaXy * 2 + c2);
        var denominator = (muX * muX + muY * muY + c1) * (sigmaX + sigmaY + c2);
        return scope.Keep((numerator / denominator).Mean([1, 2, 3], keepDim: false));
    }

    /// <summary>Mean per-frame SSIM of videos [B, C, T, H, W] (each frame a 2D image): [B].</summary>
    public static Tensor PerVideo(Tensor x, Tensor y, double dataRange)
    {
        CheckShapes(x, y, 5);
        using var scope = DisposeScope.Enter();
        var perFrame = PerImage(Frames(x), Frames(y), dataRange).View(x.Size(0), x.Size(2));
        return scope.Keep(perFrame.Mean(1));
    }

    /// <summary>The SSIM loss of videos [B, C, T, H, W] in [-1, 1]: 1 − mean per-frame SSIM.</summary>
    public static Tensor Loss(Tensor prediction, Tensor target)
    {
        using var scope = DisposeScope.Enter();
        return scope.Keep(1.0 - PerVideo(prediction, target, dataRange: 2.0).Mean());
    }

    /// <summary>[B, C, T, H, W] as the [B·T, C, H, W] batch of its frames.</summary>
    internal static Tensor Frames(Tensor video)
    {
        using var permuted = video.Permute(0, 2, 1, 3, 4);
        return permuted.Reshape(video.Size(0) * video.Size(2), video.Size(1), video.Size(3), video.Size(4));
    }

    internal static void CheckShapes(Tensor x, Tensor y, int dims)
    {
        if (x.Dim != dims || !x.Shape.SequenceEqual(y.Shape))
        {
            throw new ArgumentException($"expected two {dims}-D tensors of one shape, got [{string.Join(", ", x.Shape)}] and [{string.Join(", ", y.Shape)}]");
        }
    }

    private static Tensor GaussianWindow(int size, long channels, DType dtype, Device device)
    {
        var g = new double[size];
        for (var i = 0; i < size; i++)
        {
            var d = i - (size - 1) / 2.0;
            g[i] = Math.Exp(-d * d / (2 * Sigma * Sigma));
        }

        var sum = g.Sum();
        var w = new double[channels * size * size];
        for (var c = 0; c < channels; c++)
        {
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    w[(c * size + i) * size + j] = g[i] * g[j] / (sum * sum);
                }
            }
        }

        using var window = Tensor.FromArray(w, channels, 1, size, size);
        return window.To(dtype, device);
    }
}

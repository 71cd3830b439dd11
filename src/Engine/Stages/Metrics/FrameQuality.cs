using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// PSNR and SSIM between uint8 frames. SSIM follows Wang et al. 2004: 11×11 Gaussian window (σ = 1.5),
/// K1 = 0.01, K2 = 0.03, L = 255, valid region, per RGB channel then averaged.
/// </summary>
internal static class FrameQuality
{
    /// <summary>PSNR is capped here for identical frames (JSON has no infinity).</summary>
    public const double MaxPsnr = 100.0;

    /// <summary>PSNR (dB) of a mean squared error between uint8 values, <see cref="MaxPsnr"/> when they are identical.</summary>
    public static double PsnrOf(double mse) => mse <= 0 ? MaxPsnr : Math.Min(MaxPsnr, 10 * Math.Log10(255.0 * 255.0 / mse));

    /// <summary>Per-frame (PSNR dB, SSIM, MSE) for two uint8 [T, H, W, 3] tensors.</summary>
    public static (double Psnr, double Ssim, double Mse)[] Compare(Tensor reference, Tensor reconstruction)
    {
        if (!reference.Shape.SequenceEqual(reconstruction.Shape))
        {
            throw new InvalidOperationException($"reference frames are [{string.Join(", ", reference.Shape)}], reconstruction [{string.Join(", ", reconstruction.Shape)}]");
        }

        using var scope = DisposeScope.Enter();
        var x = reference.To(DType.Float64).Permute(0, 3, 1, 2);
        var y = reconstruction.To(DType.Float64).Permute(0, 3, 1, 2);
        var mse = x.Sub(y).Square().Mean([1, 2, 3], keepDim: false).ToArray<double>();
        var ssim = Ssim(x, y).ToArray<double>();
        var result = new (double, double, double)[mse.Length];
        for (var i = 0; i < mse.Length; i++)
        {
            var psnr = PsnrOf(mse[i]);
            result[i] = (psnr, ssim[i], mse[i]);
        }

        return result;
    }

    /// <summary>Mean SSIM per frame for float64 [T, 3, H, W] in 0..255.</summary>
    private static Tensor Ssim(Tensor x, Tensor y)
    {
        var size = (int)Math.Min(11, Math.Min(x.Size(2), x.Size(3)));
        var window = GaussianWindow(size, 1.5);
        const double c1 = 0.01 * 255 * 0.01 * 255, c2 = 0.03 * 255 * 0.03 * 255;
        Tensor Filter(Tensor t) => Functional.Conv2d(t, window, groups: 3);
        var muX = Filter(x);
        var muY = Filter(y);
        var sigmaX = Filter(x.Square()).Sub(muX.Square());
        var sigmaY = Filter(y.Square()).Sub(muY.Square());
        var sigmaXy = Filter(x.Mul(y)).Sub(muX.Mul(muY));
        var numerator = muX.Mul(muY).Mul(2).Add(c1).Mul(sigmaXy.Mul(2).Add(c2));
        var denominator = muX.Square().Add(muY.Square()).Add(c1).Mul(sigmaX.Add(sigmaY).Add(c2));
        return numerator.Div(denominator).Mean([1, 2, 3], keepDim: false);
    }

    private static Tensor GaussianWindow(int size, double sigma)
    {
        var g = new double[size];
        for (var i = 0; i < size; i++)
        {
            var d = i - (size - 1) / 2.0;
            g[i] = Math.Exp(-d * d / (2 * sigma * sigma));
        }

        var sum = g.Sum();
        var w = new double[3 * size * size];
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < size; i++)
            {
                for (var j = 0; j < size; j++)
                {
                    w[(c * size + i) * size + j] = g[i] * g[j] / (sum * sum);
                }
            }
        }

        return Tensor.FromArray(w, 3, 1, size, size);
    }
}

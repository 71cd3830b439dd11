using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// PSNR and SSIM between uint8 frames. SSIM follows Wang et al. 2004: 11×11 Gaussian window (σ = 1.5),
/// K1 = 0.01, K2 = 0.03, L = 255, valid region, per RGB channel then averaged.
/// </summary>
public static class FrameQuality
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
        var ssim = StructuralSimilarity.PerImage(x, y, dataRange: 255).ToArray<double>();
        var result = new (double, double, double)[mse.Length];
        for (var i = 0; i < mse.Length; i++)
        {
            var psnr = PsnrOf(mse[i]);
            result[i] = (psnr, ssim[i], mse[i]);
        }

        return result;
    }
}

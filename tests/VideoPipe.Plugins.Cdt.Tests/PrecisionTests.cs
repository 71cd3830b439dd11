using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class PrecisionTests
{
    [Theory]
    [InlineData("small")]
    [InlineData("base")]
    public void BFloat16RunsEndToEndCloseToFloat32(string variant)
    {
        using var scope = DisposeScope.Enter();
        using var fp32 = TinyModels.Create(variant);
        using var bf16 = TinyModels.Create(variant, DType.BFloat16);
        var video = TinyModels.Video(variant);
        var options = new DecodeOptions { Seed = 5 };

        var latent32 = fp32.Encode(video, EncodeOptions.Default);
        var latent16 = bf16.Encode(video, EncodeOptions.Default);
        var recon32 = fp32.Decode(latent32, options);
        var recon16 = bf16.Decode(latent32, options);

        Assert.Equal(DType.Float32, latent16.DType);
        Assert.Equal(DType.Float32, recon16.DType);
        Assert.True(MeanAbsDiff(latent32, latent16) < 0.05, $"latent mean |bf16 - fp32| {MeanAbsDiff(latent32, latent16)}");
        Assert.True(MeanAbsDiff(recon32, recon16) < 0.05, $"recon mean |bf16 - fp32| {MeanAbsDiff(recon32, recon16)}");
        Assert.True(MeanAbsDiff(latent32, latent16) > 0, "bf16 must actually run in reduced precision");
    }

    [Fact]
    public void Float16ComputeIsRefusedOnCpuWithAReason()
    {
        var e = Assert.Throws<ArgumentException>(() => TinyModels.Create("small", DType.Float16));
        Assert.Contains("bfloat16", e.Message);
    }

    private static double MeanAbsDiff(Tensor a, Tensor b)
    {
        using var scope = DisposeScope.Enter();
        return (a.To(DType.Float64) - b.To(DType.Float64)).Abs().Mean().Item();
    }
}

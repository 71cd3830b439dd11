using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>bfloat16 compute (the card lists it): float32 outputs close to the float32 model's.</summary>
public sealed class PrecisionTests
{
    [Fact]
    public void BFloat16FollowsFloat32()
    {
        using var scope = DisposeScope.Enter();
        using var full = TinyRegen.Busy(4);
        using var half = (RegenTokenizer)new RegenFamily().Create(new TokenizerRequest
        {
            Config = full.Config,
            Weights = full.Model.StateDict(),
            DeviceContext = CpuDeviceContext.Instance,
            DType = DType.BFloat16,
        });
        var video = TinyRegen.Video(5);
        var latents = full.Encode(video, EncodeOptions.Default);
        var halfLatents = half.Encode(video, EncodeOptions.Default);
        Assert.Equal(DType.Float32, halfLatents.DType);
        Assert.InRange(TinyRegen.MaxAbsDiff(latents, halfLatents), 0, 0.05 + 0.05 * latents.Abs().MaxValue());
        var decoded = half.Decode(latents, new DecodeOptions { Seed = 3 });
        Assert.Equal(DType.Float32, decoded.DType);
        Assert.Equal(video.Shape, decoded.Shape);
    }
}

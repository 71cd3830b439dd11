using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class StrictLoadTests
{
    [Fact]
    public void MissingAndUnexpectedKeysAreNamed()
    {
        var weights = TinyModels.Weights("small");
        try
        {
            const string dropped = "model.denoise_fn.ups.2.4.conv.bias";
            weights[dropped].Dispose();
            weights.Remove(dropped);
            weights["model.denoise_fn.ups.2.5.conv.bias"] = Tensor.Zeros([4]);

            var e = Assert.Throws<StateDictMismatchException>(() => new CdtFamily().Create(new TokenizerRequest
            {
                Config = TinyModels.Config("small"),
                Weights = weights,
                DeviceContext = CpuDeviceContext.Instance,
            }));
            Assert.Equal([dropped], e.Missing);
            Assert.Equal(["model.denoise_fn.ups.2.5.conv.bias"], e.Unexpected);
            Assert.Contains(dropped, e.Message);
        }
        finally
        {
            foreach (var t in weights.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void BaseWeightsDoNotLoadIntoTheSmallVariant()
    {
        var weights = TinyModels.Weights("base");
        try
        {
            var e = Assert.Throws<StateDictMismatchException>(() => new CdtFamily().Create(new TokenizerRequest
            {
                Config = TinyModels.Config("small"),
                Weights = weights,
                DeviceContext = CpuDeviceContext.Instance,
            }));
            Assert.NotEmpty(e.MisShaped);
        }
        finally
        {
            foreach (var t in weights.Values)
            {
                t.Dispose();
            }
        }
    }
}

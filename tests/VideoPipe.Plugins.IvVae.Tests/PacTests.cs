using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class PacTests
{
    [Fact]
    public void ConcatenatesAllFirstHalvesInBranchOrderThenAllSecondHalves()
    {
        const int z = 2;
        // Branch b's output has channel values 10·b + channel, so each output channel names its source.
        var outputs = Enumerable.Range(0, 6)
            .Select(b => Tensor.FromArray(Enumerable.Range(0, 2 * z).Select(ch => (float)(10 * b + ch)).ToArray(), 1, 2 * z, 1, 1, 1))
            .ToList();
        using var joined = Pac.ConcatHalves(outputs, z);

        float[] expected = [0, 1, 10, 11, 20, 21, 30, 31, 40, 41, 50, 51, 2, 3, 12, 13, 22, 23, 32, 33, 42, 43, 52, 53];
        Assert.Equal(expected, joined.ToArray<float>());
        outputs.ForEach(o => o.Dispose());
    }

    [Fact]
    public void HasTheSixBranchesAndTheFuseConvUnderUpstreamKeys()
    {
        using var pac = new Pac(8, 3);
        var keys = pac.StateDict().Keys.ToHashSet();
        foreach (var name in new[] { "PAC_0", "PAC_1", "PAC_3", "PAC_6", "PAC_9", "PAC_12", "PAC_conv" })
        {
            Assert.Contains($"{name}.conv.weight", keys);
            Assert.Contains($"{name}.conv.bias", keys);
        }

        Assert.Equal([6, 36, 1, 1], pac.Fuse.Conv.Weight.Value.Shape);
        Assert.Equal(14, keys.Count);
    }
}

using VideoPipe.Plugins.Regen.Layers;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>Finite-difference gradient checks (float64) of the layers written for REGEN: input and sampled parameter gradients.</summary>
public sealed class LayerGradientTests
{
    private static Tensor Random(params long[] shape)
    {
        using var generator = new Generator(13);
        return Tensor.Randn(generator, shape, DType.Float64);
    }

    private static void AssertGradients(Module layer, Func<Tensor, Tensor> forward, Tensor input)
    {
        using (layer)
        using (input)
        {
            Assert.InRange(GradCheck.ModuleWorstRatio(layer, forward, input), 0, 1);
        }
    }

    [Theory]
    [InlineData(SirenModulation.Film)]
    [InlineData(SirenModulation.Amplitude)]
    public void ModulatedSiren(SirenModulation modulation)
    {
        var siren = new ModulatedSiren(5, 6, 2, 3, 4, omega0: 3, modulation);
        using var scope = DisposeScope.Enter();
        var features = FourierFeatures.Encode(Tensor.FromArray(new double[] { 0, 0.5, 1 }, 3), 2);
        // the features are an inference tensor (made outside grad mode): a clone is a normal one autograd can save
        AssertGradients(siren, motion => siren.Forward(features.Clone(), motion), Random(1, 4, 3));
    }

    [Fact]
    public void LatentConditioning()
    {
        var config = RegenPresets.Get(RegenPresets.Xs) with { LatentChannels = 3, SirenWidth = 4, Width = 8, ModulationHidden = 4, ProjectorLayers = 2, SirenOmega0 = 3 };
        var conditioning = new LatentConditioning(config);
        using var scope = DisposeScope.Enter();
        var times = Tensor.FromArray(new double[] { 0, 0.25, 0.5 }, 3);
        AssertGradients(conditioning, z => conditioning.Forward(z.Select(2, 0), z.Select(2, 1), times), Random(1, 3, 2, 2, 2));
    }

    [Theory]
    [InlineData(NormPlacement.PostBranch, false)]
    [InlineData(NormPlacement.PreNorm, true)]
    public void DitBlock(NormPlacement placement, bool qkNorm)
    {
        var block = new DitBlock(8, 2, 2, placement, qkNorm, blockRows: 3);
        AssertGradients(block, block.Forward, Random(1, 5, 8));
    }

    [Fact]
    public void CausalResBlockWithFrameGroupNorm()
    {
        var block = new CausalResBlock(2, 4, 2);
        AssertGradients(block, block.Forward, Random(1, 2, 3, 4, 4));
    }

    [Fact]
    public void TimestepEmbedding()
    {
        var embedding = new TimestepEmbedding(6, 4);
        AssertGradients(embedding, embedding.Forward, Tensor.FromArray(new double[] { 10, 500 }, 2));
    }
}

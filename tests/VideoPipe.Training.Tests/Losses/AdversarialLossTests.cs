using VideoPipe.Torch;
using VideoPipe.Torch.Losses;

namespace VideoPipe.Training.Tests.Losses;

public sealed class AdversarialLossTests
{
    [Fact]
    public void HingeLossesFollowTheirDefinitions()
    {
        using var scope = DisposeScope.Enter();
        var real = Tensor.FromArray([2.0, 0.5], 2);
        var fake = Tensor.FromArray([-2.0, 0.0], 2);
        // real: relu(1-2)=0, relu(1-0.5)=0.5 -> 0.25; fake: relu(1-2)=0, relu(1+0)=1 -> 0.5
        Assert.Equal(0.375, HingeAdversarialLoss.Discriminator(real, fake).Item(), 12);
        Assert.Equal(1.0, HingeAdversarialLoss.Generator(fake).Item(), 12);
    }

    [Fact]
    public void AdaptiveWeightIsTheRatioOfGradientNormsAtTheLastLayer()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var layer = Tensor.FromArray([1.0, -2.0, 0.5], 3).Clone();
        layer.RequiresGrad = true;
        var reconstruction = (layer * 3.0).Sum();
        var generator = (layer * layer).Sum();
        var weight = HingeAdversarialLoss.AdaptiveWeight(reconstruction, generator, layer);
        var expected = Math.Sqrt(27) / (2 * Math.Sqrt(1 + 4 + 0.25) + HingeAdversarialLoss.Epsilon);
        Assert.Equal(expected, weight, 12);
        (reconstruction + generator * weight).Backward(); // graphs were retained
        Assert.NotNull(layer.Grad);
    }

    [Fact]
    public void DiscriminatorGivesPatchLogitsAndTrains()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        using var discriminator = new PatchDiscriminator3D(baseChannels: 8, layers: 2);
        using var generator = new Generator(7);
        discriminator.Initialize(generator);
        discriminator.SetRequiresGrad();
        var video = Tensor.Rand(generator, [2, 3, 5, 16, 16]) * 2.0 - 1.0;
        var logits = discriminator.Forward(video);
        Assert.Equal([2L, 1, 2, 2, 2], logits.Shape);
        HingeAdversarialLoss.Generator(logits).Backward();
        Assert.All(discriminator.NamedParameters(), p => Assert.NotNull(p.Slot.Value.Grad));
    }
}

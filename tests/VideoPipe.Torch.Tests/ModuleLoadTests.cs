using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests;

/// <summary>Module state dicts: PyTorch key names, strict loading that reports every bad key at once.</summary>
public class ModuleLoadTests
{
    private sealed class Block : Module
    {
        public Block()
        {
            Norm = Child("norm", new GroupNorm(2, 4));
            Conv = Child("conv", Conv.Conv2d(4, 4, 3, padding: 1));
            Layers = Child("layers", new ModuleList<Linear>());
            Layers.Add(new Linear(4, 3));
            Layers.Add(new Linear(3, 2, bias: false));
        }

        public GroupNorm Norm { get; }

        public Conv Conv { get; }

        public ModuleList<Linear> Layers { get; }
    }

    [Fact]
    public void StateDictUsesPyTorchNamesInRegistrationOrder()
    {
        using var block = new Block();
        Assert.Equal(
            ["norm.weight", "norm.bias", "conv.weight", "conv.bias", "layers.0.weight", "layers.0.bias", "layers.1.weight"],
            block.StateDict().Keys);
        Assert.Equal(4 + 4 + 144 + 4 + 12 + 3 + 6, block.ParameterCount());
    }

    [Fact]
    public void StrictLoadListsEveryMissingUnexpectedAndMisShapedKey()
    {
        using var block = new Block();
        using var scope = DisposeScope.Enter();
        var dict = block.StateDict().ToDictionary(kv => kv.Key, kv => Tensor.Ones(kv.Value.Shape));
        dict.Remove("norm.bias");
        dict.Remove("layers.1.weight");
        dict["layers.0.weight"] = Tensor.Ones([3, 5]);
        dict["conv.bias"] = Tensor.Ones([5]);
        dict["extra.weight"] = Tensor.Ones([1]);
        dict["conv.running_mean"] = Tensor.Ones([4]);

        var ex = Assert.Throws<StateDictMismatchException>(() => block.LoadStateDict(dict));
        Assert.Equal(["norm.bias", "layers.1.weight"], ex.Missing);
        Assert.Equal(["conv.running_mean", "extra.weight"], ex.Unexpected);
        Assert.Equal(2, ex.MisShaped.Count);
        Assert.Contains(ex.MisShaped, m => m.StartsWith("conv.bias", StringComparison.Ordinal) && m.Contains("[5]") && m.Contains("[4]"));
        Assert.Contains(ex.MisShaped, m => m.StartsWith("layers.0.weight", StringComparison.Ordinal) && m.Contains("[3, 5]"));
        foreach (var key in new[] { "norm.bias", "layers.1.weight", "conv.running_mean", "extra.weight", "conv.bias", "layers.0.weight" })
        {
            Assert.Contains(key, ex.Message);
        }
    }

    [Fact]
    public void FailedLoadChangesNothing()
    {
        using var block = new Block();
        using var g = new Generator(0);
        block.InitializeRandom(g);
        using var scope = DisposeScope.Enter();
        var before = block.Conv.Weight.Value.Clone();
        var dict = block.StateDict().ToDictionary(kv => kv.Key, kv => Tensor.Zeros(kv.Value.Shape));
        dict.Remove("norm.weight");
        Assert.Throws<StateDictMismatchException>(() => block.LoadStateDict(dict));
        TensorAssert.Equal(before, block.Conv.Weight.Value);
    }

    [Fact]
    public void LoadCopiesValuesConvertingDType()
    {
        using var block = new Block();
        using var scope = DisposeScope.Enter();
        var dict = block.StateDict().ToDictionary(kv => kv.Key, kv => Tensor.Full(kv.Value.Shape, 0.5, DType.Float64));
        block.LoadStateDict(dict);
        Assert.Equal(DType.Float32, block.Conv.Weight.Value.DType);
        Assert.All(block.Layers[0].Weight.Value.ToArray<float>(), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void NonStrictLoadStillRejectsWrongShapes()
    {
        using var block = new Block();
        using var scope = DisposeScope.Enter();
        var partial = new Dictionary<string, Tensor> { ["conv.bias"] = Tensor.Full([4], 3) };
        block.LoadStateDict(partial, strict: false);
        Assert.Equal(new float[] { 3, 3, 3, 3 }, block.Conv.Bias!.Value.ToArray<float>());
        var wrong = new Dictionary<string, Tensor> { ["conv.bias"] = Tensor.Full([2], 3) };
        var ex = Assert.Throws<StateDictMismatchException>(() => block.LoadStateDict(wrong, strict: false));
        Assert.Single(ex.MisShaped);
    }
}

using System.Numerics;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class TorchCheckpointTests
{
    [Fact]
    public void LoadsTheWholeObjectTree()
    {
        using var scope = DisposeScope.Enter();
        var root = Assert.IsType<OrderedDictionary<object, object?>>(TorchCheckpoint.Load(CheckpointFixtures.NestedPrefixed));

        Assert.Equal(7L, root["epoch"]);
        Assert.Equal(0.125, root["loss"]);
        Assert.Equal(BigInteger.Pow(2, 70), root["big"]);
        Assert.Equal(-3L, root["negative"]);
        Assert.Equal("tiny", root["name"]);
        Assert.Equal(new PickleTuple(true, false, null), root["flags"]);
        Assert.Equal(new List<object?> { 0.1, 0.01 }, root["lrs"]);

        var parameter = Assert.IsType<Tensor>(((OrderedDictionary<object, object?>)root["params"]!)["p"]);
        Assert.Equal(new float[] { 0, 1, 2 }, parameter.ToArray<float>());

        var optimizer = (OrderedDictionary<object, object?>)root["optimizer"]!;
        var state = (OrderedDictionary<object, object?>)optimizer["state"]!;
        var slot = (OrderedDictionary<object, object?>)state[0L]!;
        Assert.Equal(new float[] { 1, 1 }, Assert.IsType<Tensor>(slot["momentum_buffer"]).ToArray<float>());

        var inner = (OrderedDictionary<object, object?>)((OrderedDictionary<object, object?>)root["nested"]!)["inner"]!;
        Assert.Equal(new float[] { 9, 9 }, Assert.IsType<Tensor>(inner["w"]).ToArray<float>());
    }

    [Fact]
    public void StateDictOfEveryDTypeAndViewMatchesTheReferenceSafetensors()
    {
        using var loaded = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, stripPrefix: "module.");
        var expected = Safetensors.Load(CheckpointFixtures.ExpectedStateDict);
        try
        {
            Assert.Equal(CheckpointFormat.TorchZip, loaded.Format);
            Assert.Equal("state_dict", loaded.SelectedKey);
            Assert.Empty(loaded.SkippedKeys);
            Assert.Equal(expected.Keys.Order(), loaded.Keys.Order());
            foreach (var (name, tensor) in expected)
            {
                TensorAssert.Identical(tensor, loaded[name], name);
            }

            Assert.Equal(Enum.GetValues<DType>().Order(), loaded.Values.Select(t => t.DType).Distinct().Order());
        }
        finally
        {
            TensorAssert.DisposeAll(expected.Values);
        }
    }

    [Fact]
    public void OffsetAndStridedViewsAreMaterialisedElementByElement()
    {
        using var loaded = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, stripPrefix: "module.");

        var offsetView = loaded["offset_view"];
        Assert.Equal(new long[] { 3, 3 }, offsetView.Shape);
        Assert.Equal(new float[] { 6, 8, 10, 12, 14, 16, 18, 20, 22 }, offsetView.ToArray<float>());

        var transposed = loaded["transposed"];
        Assert.Equal(new long[] { 6, 4 }, transposed.Shape);
        Assert.Equal(new float[] { 0, 6, 12, 18, 1, 7, 13, 19 }, transposed.ToArray<float>().Take(8));

        Assert.Equal(new long[] { 3, 2 }, loaded["half_slice"].Shape);
        Assert.Equal(3.25, loaded["scalar"].Item());
        Assert.Empty(loaded["scalar"].Shape);
        Assert.Equal(new long[] { 0, 3 }, loaded["empty"].Shape);
        Assert.Equal(17, loaded["bn.num_batches_tracked"].Item());
    }

    [Fact]
    public void TiedTensorsAreSeparateObjectsWithTheSameValues()
    {
        using var loaded = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, stripPrefix: "module.");
        var tied = loaded["tied"];
        var original = loaded["conv.weight"];

        Assert.NotSame(original, tied);
        original.Dispose();
        Assert.Equal(18, tied.ToArray<float>().Length);
    }

    [Fact]
    public void ExplicitKeyWinsAndNonTensorEntriesAreReportedAsSkipped()
    {
        using var ema = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, key: "ema_state_dict", stripPrefix: "module.");
        using var main = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, stripPrefix: "module.");

        Assert.Equal("ema_state_dict", ema.SelectedKey);
        Assert.Equal(new[] { "conv.weight" }, ema.Keys);
        Assert.Equal(new[] { "step", "note" }, ema.SkippedKeys);
        var halved = main["conv.weight"].ToArray<float>().Select(v => v * 0.5f);
        Assert.Equal(halved, ema["conv.weight"].ToArray<float>());
    }

    [Fact]
    public void DottedKeyPathNavigatesNestedDictionaries()
    {
        using var inner = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, key: "nested.inner");

        Assert.Equal(new float[] { 9, 9 }, inner["w"].ToArray<float>());
    }

    [Fact]
    public void ModuleStateDictWithMetadataMatchesReference()
    {
        using var fromNested = Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, key: "model");
        using var fromRoot = Checkpoint.LoadStateDict(CheckpointFixtures.PlainStateDict);
        var expected = Safetensors.Load(CheckpointFixtures.ExpectedModel);
        try
        {
            Assert.Null(fromRoot.SelectedKey);
            Assert.Equal(7, expected.Count);
            foreach (var (name, tensor) in expected)
            {
                TensorAssert.Identical(tensor, fromNested[name], name);
                TensorAssert.Identical(tensor, fromRoot[name], name);
            }
        }
        finally
        {
            TensorAssert.DisposeAll(expected.Values);
        }
    }

    [Fact]
    public void UnknownKeyNamesTheKeysThatExist()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Checkpoint.LoadStateDict(CheckpointFixtures.NestedPrefixed, key: "ema.weights"));

        Assert.Contains("ema.weights", error.Message);
        Assert.Contains("ema_state_dict", error.Message);
    }

    [Fact]
    public void FormatIsChosenByContentNotExtension()
    {
        using var dir = new TemporaryDirectory();
        var torchNamedLikeSafetensors = dir.File("weights.safetensors");
        var safetensorsNamedLikeTorch = dir.File("weights.pth");
        File.Copy(CheckpointFixtures.PlainStateDict, torchNamedLikeSafetensors);
        File.Copy(CheckpointFixtures.ExpectedModel, safetensorsNamedLikeTorch);

        using var a = Checkpoint.LoadStateDict(torchNamedLikeSafetensors);
        using var b = Checkpoint.LoadStateDict(safetensorsNamedLikeTorch);

        Assert.Equal(CheckpointFormat.TorchZip, a.Format);
        Assert.Equal(CheckpointFormat.Safetensors, b.Format);
        Assert.Equal(a.Keys.Order(), b.Keys.Order());
    }

    [Fact]
    public void SafetensorsKeySelectsAPrefixAndStripPrefixApplies()
    {
        using var selected = Checkpoint.LoadStateDict(CheckpointFixtures.ExpectedModel, key: "1");
        using var stripped = Checkpoint.LoadStateDict(CheckpointFixtures.ExpectedModel, stripPrefix: "0.");

        Assert.Equal(new[] { "bias", "num_batches_tracked", "running_mean", "running_var", "weight" }, selected.Keys.Order());
        Assert.Contains("weight", stripped.Keys);
        Assert.Contains("1.weight", stripped.Keys);
    }

    [Fact]
    public void StructureDescribesTensorsWithoutReadingThem()
    {
        var root = (OrderedDictionary<object, object?>)TorchCheckpoint.LoadStructure(CheckpointFixtures.NestedPrefixed)!;
        var stateDict = (OrderedDictionary<object, object?>)root["state_dict"]!;
        var view = Assert.IsType<TensorDescriptor>(stateDict["module.offset_view"]);

        Assert.Equal(6, view.StorageOffset);
        Assert.Equal(new long[] { 6, 2 }, view.Strides);
        Assert.Equal(new long[] { 3, 3 }, view.Shape);
        Assert.Equal(DType.Float32, view.DType);
        Assert.True(Assert.IsType<TensorDescriptor>(((OrderedDictionary<object, object?>)root["params"]!)["p"]).IsParameter);
    }
}

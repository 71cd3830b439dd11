using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class CheckpointInspectorTests
{
    [Fact]
    public void DescribesTheStateDictAndTopLevelOfATorchCheckpoint()
    {
        var description = CheckpointInspector.Describe(CheckpointFixtures.NestedPrefixed);

        Assert.Equal(CheckpointFormat.TorchZip, description.Format);
        Assert.Equal("state_dict", description.SelectedKey);
        Assert.Equal(18, description.Tensors.Count);
        var view = description.Tensors.Single(t => t.Name == "module.offset_view");
        Assert.Equal(new long[] { 3, 3 }, view.Shape);
        Assert.Equal(36, view.ByteCount);
        Assert.Contains(KeyValuePair.Create("epoch", "int 7"), description.TopLevelEntries);
        Assert.Contains(KeyValuePair.Create("ema_state_dict", "dict (3 entries, 1 tensors)"), description.TopLevelEntries);
    }

    [Fact]
    public void ReportsSkippedEntriesOfTheChosenKey()
    {
        var description = CheckpointInspector.Describe(CheckpointFixtures.NestedPrefixed, "ema_state_dict");

        Assert.Equal(new[] { "module.conv.weight" }, description.Tensors.Select(t => t.Name));
        Assert.Equal(new[] { "module.step", "module.note" }, description.SkippedKeys);
    }

    [Fact]
    public void DescribesASafetensorsFileWithMetadata()
    {
        var description = CheckpointInspector.Describe(CheckpointFixtures.ExpectedStateDict);

        Assert.Equal(CheckpointFormat.Safetensors, description.Format);
        Assert.Equal("make_fixtures.py", description.Metadata["source"]);
        Assert.Equal(18, description.Tensors.Count);
        Assert.Equal(description.Tensors.Sum(t => t.ByteCount), description.ByteCount);
    }
}

using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

/// <summary>Our writer against files laid out by make_fixtures.py exactly as the reference implementation lays them out.</summary>
public class SafetensorsReferenceBytesTests
{
    [Theory]
    [InlineData("expected_state_dict.safetensors")]
    [InlineData("expected_model.safetensors")]
    public void RewritingAReferenceFileReproducesItByteForByte(string fixture)
    {
        var reference = CheckpointFixtures.Path(fixture);
        using var dir = new TemporaryDirectory();
        var rewritten = dir.File(fixture);
        Dictionary<string, Tensor> tensors;
        IReadOnlyDictionary<string, string> metadata;
        using (var file = SafetensorsFile.Open(reference))
        {
            tensors = file.LoadAll();
            metadata = file.Metadata;
        }

        try
        {
            Safetensors.Save(rewritten, tensors, metadata.Count == 0 ? null : metadata);
        }
        finally
        {
            TensorAssert.DisposeAll(tensors.Values);
        }

        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(rewritten));
    }

    [Fact]
    public void ReferenceFileExposesEntriesAndMetadata()
    {
        using var file = SafetensorsFile.Open(CheckpointFixtures.ExpectedStateDict);

        Assert.Equal("pt", file.Metadata["format"]);
        var view = file.Info("offset_view");
        Assert.Equal(DType.Float32, view.DType);
        Assert.Equal(new long[] { 3, 3 }, view.Shape);
        Assert.Equal(36, view.ByteCount);
        Assert.Equal(DType.Int64, file.Entries[0].DType); // largest alignment first, as the reference writes
    }
}

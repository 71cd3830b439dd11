using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Plugins.Cdt.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class ConfigAndCardTests
{
    [Theory]
    [InlineData(256, 256, 64)]
    [InlineData(720, 720, 8)]
    [InlineData(720, 1280, 4)]
    [InlineData(1080, 1920, 4)]
    public void EncodeChunkRule(int h, int w, int expected) => Assert.Equal(expected, ChunkPlan.EncodeChunkFrames(h, w, 4));

    [Theory]
    [InlineData(32, 32, 16)]
    [InlineData(90, 90, 2)]
    [InlineData(90, 160, 1)]
    public void DecodeChunkRule(int h, int w, int expected) => Assert.Equal(expected, ChunkPlan.DecodeChunkLatents(h, w, 1, 8));

    [Fact]
    public void FirstEncodeChunkTakesTheRemainder()
    {
        Assert.Equal(new long[] { 1, 8, 8 }, ChunkPlan.EncodeChunks(17, 8));
        Assert.Equal(new long[] { 1, 4, 4 }, ChunkPlan.EncodeChunks(9, 4));
        Assert.Equal(new long[] { 9 }, ChunkPlan.EncodeChunks(9, 64));
        Assert.Equal(new long[] { 2, 2, 1 }, ChunkPlan.DecodeChunks(5, 2));
    }

    [Theory]
    [InlineData(0, 1092, 16, 16)]
    [InlineData(1088, 1092, 16, 4)]
    [InlineData(3, 3, 2, 2)]
    [InlineData(4, 3, 2, 2)]
    [InlineData(5, 3, 2, 1)]
    public void DecodePieceStopsAtTheCapAndAtTheUpstreamChunkEnd(long decoded, long chunk, long cap, long expected) =>
        Assert.Equal(expected, ChunkPlan.DecodePiece(decoded, chunk, cap));

    [Fact]
    public void PadModeBelongsToEachModelInstance()
    {
        using var baseModel = new CdtModel(CdtPresets.Get(CdtPresets.Base));
        using var smallModel = new CdtModel(CdtPresets.Get(CdtPresets.Small));
        using var baseAgain = new CdtModel(CdtPresets.Get(CdtPresets.Base));
        Assert.Equal(PadMode.Constant, PadModeOf(baseModel));
        Assert.Equal(PadMode.Replicate, PadModeOf(smallModel));
        Assert.Equal(PadMode.Constant, PadModeOf(baseAgain));
    }

    [Theory]
    [InlineData(CdtPresets.Base, 192_592_755L, 530)]
    [InlineData(CdtPresets.Small, 120_672_838L, 518)]
    public void PresetsHaveTheReleasedParameterCountsAndKeys(string preset, long parameters, int keys)
    {
        using var model = new CdtModel(CdtPresets.Get(preset));
        Assert.Equal(parameters, model.ParameterCount());
        Assert.Equal(keys, model.StateDict().Count);
    }

    [Fact]
    public void CardRecordsScaleWithoutApplyingIt()
    {
        var card = new CdtFamily().DescribePreset(CdtPresets.Small);
        Assert.Equal(4, card.TemporalCompression);
        Assert.Equal(8, card.SpatialCompression);
        Assert.Equal(16, card.LatentChannels);
        Assert.Equal(FrameRule.OnePlusFourK, card.FrameRule);
        Assert.Equal(new LatentScaling(1.3, 0, false), card.Scaling);
        Assert.True(card.GenerativeDecode);
        Assert.True(card.ExactCausalStreaming);
    }

    private static PadMode PadModeOf(CdtModel model)
    {
        var modes = Descendants(model).OfType<CausalConv3d>().Select(c => c.PadMode).Distinct().ToList();
        return Assert.Single(modes);
    }

    private static IEnumerable<Module> Descendants(Module root) =>
        root.NamedChildren().SelectMany(c => Descendants(c.Child)).Prepend(root);
}

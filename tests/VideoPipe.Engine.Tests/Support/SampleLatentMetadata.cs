using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>Latent file metadata of the average-pool tokenizer for tests that need one without encoding anything.</summary>
internal static class SampleLatentMetadata
{
    public static LatentFileMetadata Create(string itemId, string source, long clipStart, int clipFrames, IReadOnlyList<TileGeometry> tiles) => new()
    {
        ItemId = itemId,
        SourcePath = source,
        SourceSha256 = "sha-" + source,
        ClipStart = clipStart,
        ClipFrames = clipFrames,
        SampledFps = 8,
        TokenizerFamily = "avgpool",
        TokenizerPreset = "avgpool-8x4",
        TokenizerVersion = "1",
        LatentDType = "float32",
        ScalingScale = 2,
        ScalingShift = 0.25,
        ScalingApplied = true,
        Posterior = PosteriorMode.Mean,
        Seed = null,
        Tiles = tiles,
        ProgramVersion = "test",
    };
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// What the streaming-reconstruction tests of an exact-streaming family share: a catalog over its staged plugin,
/// pipelines/stream-reconstruct.json run on a generated clip with a tiny golden configuration, and a random clip
/// pushed through the chunk, streaming encode and streaming decode-latents stages directly.
/// </summary>
public abstract class StreamingReconstructionTests(string pluginFolder, string family) : IAsyncLifetime
{
    private protected TempDirectory Temp { get; } = new();

    private protected PluginCatalog Catalog { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Catalog = StagedPlugin.OpenCatalog(pluginFolder, Temp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Catalog.DisposeAsync();
        Temp.Dispose();
    }

    private protected ITokenizer CreateTokenizer(ComponentSet components, string goldenCase) =>
        WholeClipReference.CreateTokenizer(components, family, goldenCase);

    /// <summary>
    /// stream-reconstruct.json switched to causal streaming (9-frame causal tiles, lossless output) on a generated 32x24 clip of
    /// <paramref name="frames"/> frames; the source and the streamed result as uint8 [T, H, W, 3].
    /// </summary>
    private protected async Task<(Tensor Source, Tensor Streamed)> StreamReconstructAsync(ComponentSet components, string goldenCase, int frames, params string[] overrides)
    {
        var input = TestVideos.Generate(Temp.File("in"), "clip.mp4", 32, 24, frames);
        var (definition, errors) = PipelineParser.LoadFile(Repository.Path("pipelines", "stream-reconstruct.json"),
        [
            $"tokenizers.model.family={family}",
            "tokenizers.model.preset=null",
            $"tokenizers.model.config={Path.Combine(goldenCase, "case.json")}",
            $"tokenizers.model.weights={Path.Combine(goldenCase, "weights.safetensors")}",
            $"stages.source.options.files=[{JsonSerializer.Serialize(input)}]",
            // The shipped file runs the default OD-VAE on overlapping tiles; an exact-streaming family streams.
            "stages.chunk.options.mode=causal",
            "stages.chunk.options.overlapFrames=0",
            "stages.encode.options.streaming=true",
            "stages.decode-latents.options.streaming=true",
            "stages.chunk.options.tileFrames=9",
            $"stages.write.options.file={Temp.File("out/clip.mkv")}",
            "stages.write.options.encoding=lossless-ffv1",
            $"stages.metrics.options.directory={Temp.File("out")}",
            .. overrides,
        ]);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var result = await PipelineHarness.RunAsync(definition!, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        return (await WholeClipReference.ReadFrames(input), await WholeClipReference.ReadFrames(Temp.File("out/clip.mkv")));
    }

    /// <summary>
    /// A random 33-frame 32x24 clip, in blocks of 11 frames, through chunk (causal, 9-frame tiles), streaming encode
    /// and streaming decode-latents (<paramref name="decodeOptions"/>) stages.
    /// </summary>
    private protected static async Task<StreamedStages> ThroughStreamingStagesAsync(ITokenizer tokenizer, string decodeOptions)
    {
        var item = new WorkItem { Id = "clip", SourcePath = "clip.mp4" };
        var chunk = new Stages.ChunkStageType().Create(StageContexts.For("""{"tokenizer":"model","tileFrames":9,"mode":"causal"}""", tokenizer));
        var encode = new Stages.EncodeStageType().Create(StageContexts.For("""{"tokenizer":"model","streaming":true}""", tokenizer));
        var decode = new Stages.DecodeLatentsStageType().Create(StageContexts.For(decodeOptions, tokenizer));
        var data = new byte[33 * 24 * 32 * 3];
        new Random(7).NextBytes(data);
        var clip = Tensor.FromArray(data, 33, 24, 32, 3);

        var tiles = new CollectingEmitter();
        for (var start = 0; start < 33; start += 11)
        {
            using var block = new FrameBlock(clip.Narrow(0, start, 11).Contiguous(), start, 10);
            await chunk.ProcessAsync(new StageMessage(item, block, start + 11 == 33), tiles, default);
        }

        var tileCount = tiles.Messages.Count;
        var latents = await WholeClipReference.Through(encode, tiles);
        var latentCount = latents.Messages.Count;
        var decoded = await WholeClipReference.Through(decode, latents);
        var streamed = Tensor.Cat(decoded.Messages.Select(m => ((TemporalTile)m.Payload).Video).ToList(), 2);
        foreach (var message in decoded.Messages)
        {
            ((TemporalTile)message.Payload).Dispose();
        }

        return new StreamedStages(clip, tileCount, latentCount, decoded.Messages[^1].EndOfItem, streamed);
    }

    /// <summary>The clip (uint8 [T, H, W, 3]), how many tiles and latent chunks went by, and the decoded float [1, 3, T, H, W].</summary>
    private protected sealed record StreamedStages(Tensor Clip, int Tiles, int LatentChunks, bool EndedItem, Tensor Streamed) : IDisposable
    {
        public void Dispose()
        {
            Clip.Dispose();
            Streamed.Dispose();
        }
    }
}

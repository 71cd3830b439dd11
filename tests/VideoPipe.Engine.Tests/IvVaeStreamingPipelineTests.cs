using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// pipelines/stream-reconstruct.json (causal chunks, streaming encode and decode sessions) with the real IV-VAE
/// plugin in the tiny configuration of shared/goldens/ivvae/case1: the streamed reconstruction must equal the
/// whole-clip Encode + Decode (within 1e-5 before quantisation; after it, rounding may move a value by one).
/// </summary>
public sealed class IvVaeStreamingPipelineTests : IAsyncLifetime
{
    private readonly TempDirectory temp = new();
    private readonly string goldenCase = RepositoryPaths.GoldenCase("ivvae", "case1");
    private PluginCatalog catalog = null!;

    public Task InitializeAsync()
    {
        catalog = StagedPlugin.OpenCatalog("IvVae", temp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await catalog.DisposeAsync();
        temp.Dispose();
    }

    [Theory]
    [InlineData(33)]
    [InlineData(35)]
    public async Task StreamedReconstructionEqualsTheWholeClip(int frames)
    {
        var input = TestVideos.Generate(temp.File("in"), "clip.mp4", 32, 24, frames);
        var (definition, errors) = PipelineParser.LoadFile(Path.Combine(RepositoryPaths.Root, "pipelines", "stream-reconstruct.json"),
        [
            "tokenizers.model.preset=null",
            $"tokenizers.model.config={Path.Combine(goldenCase, "case.json")}",
            $"tokenizers.model.weights={Path.Combine(goldenCase, "weights.safetensors")}",
            $"stages.source.options.files=[{JsonSerializer.Serialize(input)}]",
            "stages.chunk.options.tileFrames=9",
            $"stages.write.options.file={temp.File("out/clip.mkv")}",
            "stages.write.options.encoding=lossless-ffv1",
            $"stages.metrics.options.directory={temp.File("out")}",
        ]);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        using var components = catalog.Acquire();

        var result = await PipelineHarness.RunAsync(definition!, components);

        Assert.True(result.Outcome == PipelineOutcome.Completed, result.Failure + string.Join("; ", result.Quarantined));
        using var streamed = await ReadFrames(Assert.Single(Directory.GetFiles(temp.File("out"), "*.mkv")));
        Assert.Equal(frames, streamed.Size(0));

        // The whole-clip reference of the longest 1+4k prefix (causal: later frames cannot change earlier ones).
        using var source = await ReadFrames(input);
        var prefix = (int)FrameRule.OnePlusFourK.RoundDown(frames);
        using var tokenizer = CreateTokenizer(components);
        using var whole = WholeClipReconstruction(tokenizer, source.Narrow(0, 0, prefix));
        using var quantised = whole.Squeeze(0).Permute(1, 2, 3, 0).Add(1.0).Mul(127.5).Round().Clamp(0, 255).To(DType.Int32, Device.Cpu);
        using var difference = quantised.Sub(streamed.Narrow(0, 0, prefix).To(DType.Int32, Device.Cpu)).Abs();
        Assert.InRange(difference.MaxValue(), 0, 1);
    }

    [Fact]
    public async Task StreamingStagesMatchTheWholeClipBeforeQuantisation()
    {
        using var components = catalog.Acquire();
        using var tokenizer = CreateTokenizer(components);
        var item = new WorkItem { Id = "clip", SourcePath = "clip.mp4" };
        var chunk = new Stages.ChunkStageType().Create(StageContexts.For("""{"tokenizer":"model","tileFrames":9,"mode":"causal"}""", tokenizer));
        var encode = new Stages.EncodeStageType().Create(StageContexts.For("""{"tokenizer":"model","streaming":true}""", tokenizer));
        var decode = new Stages.DecodeLatentsStageType().Create(StageContexts.For("""{"tokenizer":"model","streaming":true}""", tokenizer));
        var data = new byte[33 * 24 * 32 * 3];
        new Random(7).NextBytes(data);
        using var clip = Tensor.FromArray(data, 33, 24, 32, 3);

        var tiles = new CollectingEmitter();
        for (var start = 0; start < 33; start += 11)
        {
            using var block = new Abstractions.FrameBlock(clip.Narrow(0, start, 11).Contiguous(), start, 10);
            await chunk.ProcessAsync(new StageMessage(item, block, start + 11 == 33), tiles, default);
        }

        var latents = await Through(encode, tiles);
        var decoded = await Through(decode, latents);
        using var streamed = Tensor.Cat(decoded.Messages.Select(m => ((TemporalTile)m.Payload).Video).ToList(), 2);
        using var whole = WholeClipReconstruction(tokenizer, clip);

        Assert.Equal(4, tiles.Messages.Count);
        Assert.Equal(4, latents.Messages.Count);
        Assert.True(decoded.Messages[^1].EndOfItem);
        Assert.Equal(whole.Shape, streamed.Shape);
        using var difference = whole.Sub(streamed).Abs();
        Assert.InRange(difference.MaxValue(), 0, 1e-5);
        foreach (var message in decoded.Messages)
        {
            ((TemporalTile)message.Payload).Dispose();
        }
    }

    private static async Task<CollectingEmitter> Through(IStage stage, CollectingEmitter input)
    {
        var output = new CollectingEmitter();
        foreach (var message in input.Messages)
        {
            await stage.ProcessAsync(message, output, default);
            ((IDisposable)message.Payload).Dispose();
        }

        return output;
    }

    private ITokenizer CreateTokenizer(ComponentSet components)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(goldenCase, "case.json")));
        return components.Families["ivvae"].Create(new TokenizerRequest
        {
            Config = config.RootElement.GetProperty("config").Clone(),
            WeightsPath = Path.Combine(goldenCase, "weights.safetensors"),
            DeviceContext = CpuDeviceContext.Instance,
        });
    }

    /// <summary>Encode then Decode of the whole clip (uint8 [T, H, W, 3] in), as float [T, H, W, 3] in [-1, 1].</summary>
    private static Tensor WholeClipReconstruction(ITokenizer tokenizer, Tensor frames)
    {
        using var scope = DisposeScope.Enter();
        var video = frames.Permute(3, 0, 1, 2).Unsqueeze(0).To(DType.Float32, Device.Cpu).Div(127.5).Sub(1.0).Contiguous();
        var decoded = tokenizer.Decode(tokenizer.Encode(video, EncodeOptions.Default), DecodeOptions.Default);
        return scope.Keep(decoded.Contiguous());
    }

    /// <summary>A whole video as uint8 [T, H, W, 3].</summary>
    private static async Task<Tensor> ReadFrames(string path)
    {
        var bytes = new List<byte>();
        int count = 0, height = 0, width = 0;
        await foreach (var block in new VideoReader().ReadAsync(path))
        {
            using (block)
            {
                foreach (var frame in block)
                {
                    bytes.AddRange(frame.Span.ToArray());
                    (height, width) = (frame.Height, frame.Width);
                    count++;
                }
            }
        }

        return Tensor.FromArray(bytes.ToArray(), count, height, width, 3);
    }
}

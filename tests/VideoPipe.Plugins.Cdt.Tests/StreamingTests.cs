using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class StreamingTests
{
    /// <summary><paramref name="maxChunkFrames"/> 4 splits the last push's 8 waiting frames into two chunks.</summary>
    [Theory]
    [InlineData("small", null)]
    [InlineData("base", null)]
    [InlineData("small", 4)]
    [InlineData("base", 4)]
    public void StreamedEncodeEqualsWholeClip(string variant, int? maxChunkFrames)
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create(variant);
        var video = TinyModels.Video(variant);
        var whole = tokenizer.Encode(video, EncodeOptions.Default);
        var settings = maxChunkFrames is { } cap ? new CdtSettings { StreamMaxChunkFrames = cap }.ToSettings() : CdtSettings.Defaults.ToSettings();

        using var session = tokenizer.BeginEncode(new EncodeOptions { Settings = settings });
        var parts = new List<Tensor>();
        foreach (var (start, end) in new[] { (0L, 3L), (3L, 4L), (4L, 9L) })
        {
            if (session.Push(video.Slice(2, start, end)) is { } latents)
            {
                parts.Add(latents);
            }
        }

        if (session.Complete() is { } rest)
        {
            parts.Add(rest);
        }

        Assert.True(TinyModels.MaxAbsDiff(whole, Tensor.Cat(parts, 2)) < 1e-4);
    }

    [Theory]
    [InlineData("small")]
    [InlineData("base")]
    public void DecodeSessionEqualsWholeDecodeWithTheSameChunks(string variant)
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create(variant);
        var latent = tokenizer.Encode(TinyModels.Video(variant), EncodeOptions.Default);
        var options = new DecodeOptions { Seed = 7, Settings = new CdtSettings { ChunkLatentFrames = 2 }.ToSettings() };
        var whole = tokenizer.Decode(latent, options);
        Assert.Equal(new long[] { 1, 3, 9, 24, 40 }, whole.Shape);

        using var session = tokenizer.BeginDecode(options);
        var parts = new List<Tensor>();
        for (long j = 0; j < latent.Size(2); j++)
        {
            if (session.Push(latent.Slice(2, j, j + 1)) is { } frames)
            {
                parts.Add(frames);
            }
        }

        if (session.Complete() is { } rest)
        {
            parts.Add(rest);
        }

        Assert.Equal(0, TinyModels.MaxAbsDiff(whole, Tensor.Cat(parts, 2)));
    }

    [Fact]
    public void SmallDecodeDoesNotDependOnChunkSize()
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create("small");
        var latent = tokenizer.Encode(TinyModels.Video("small"), EncodeOptions.Default);
        var one = tokenizer.Decode(latent, Chunked(1, steps: 2));
        var all = tokenizer.Decode(latent, Chunked(3, steps: 2));
        Assert.True(TinyModels.MaxAbsDiff(one, all) < 1e-4);
    }

    [Fact]
    public void BaseMappingBlockIsUncachedByDefaultAndCachedOnRequest()
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create("base");
        var latent = tokenizer.Encode(TinyModels.Video("base"), EncodeOptions.Default);
        var whole = tokenizer.Decode(latent, Chunked(3));
        var upstream = tokenizer.Decode(latent, Chunked(1));
        var cached = tokenizer.Decode(latent, Chunked(1, cacheMapping: true));

        // Upstream zero-pads dec.3.1 at every chunk start: frames after the first chunk move by O(1).
        Assert.True(TinyModels.MaxAbsDiff(whole, upstream) > 0.1);
        Assert.True(TinyModels.MaxAbsDiff(whole, cached) < 1e-4);
        Assert.True(TinyModels.MaxAbsDiff(whole.Slice(2, 0, 1), upstream.Slice(2, 0, 1)) < 1e-4);
    }

    [Fact]
    public void DecodeRequiresASeedAndIsReproducibleWithIt()
    {
        using var scope = DisposeScope.Enter();
        using var tokenizer = TinyModels.Create("small");
        var latent = tokenizer.Encode(TinyModels.Video("small"), EncodeOptions.Default);
        Assert.Throws<ArgumentException>(() => tokenizer.Decode(latent, DecodeOptions.Default));
        var a = tokenizer.Decode(latent, new DecodeOptions { Seed = 3 });
        var b = tokenizer.Decode(latent, new DecodeOptions { Seed = 3 });
        var c = tokenizer.Decode(latent, new DecodeOptions { Seed = 4 });
        Assert.Equal(0, TinyModels.MaxAbsDiff(a, b));
        Assert.True(TinyModels.MaxAbsDiff(a, c) > 0);
    }

    private static DecodeOptions Chunked(int latentFrames, int steps = 1, bool cacheMapping = false) => new()
    {
        Seed = 1,
        Settings = new CdtSettings { ChunkLatentFrames = latentFrames, Steps = steps, CacheMappingBlock = cacheMapping }.ToSettings(),
    };
}

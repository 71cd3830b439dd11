using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// <c>videopipe precompute</c> then <c>videopipe latents decode</c> as real processes on the tiny IV-VAE golden
/// configuration: one video per source with its clips in order (overlapping frames once), from safetensors and from
/// WebDataset datasets; other weights are refused with exit 2 unless --force.
/// </summary>
public sealed class LatentsDecodeCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string golden = Repository.GoldenCase("ivvae", "case1");

    public LatentsDecodeCommandTests()
    {
        // a: 21 frames -> 9-frame clips at 0 and 8 (sharing frame 8) -> 17 frames; b: 13 frames -> one clip at 0.
        TestVideos.Generate(temp.File("in"), "a.mp4", 32, 32, 21);
        TestVideos.Generate(temp.File("in/sub"), "b.mp4", 32, 32, 13);
    }

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("safetensors")]
    [InlineData("wds")]
    public async Task EachSourceDecodesToOneVideoOfItsClipsInOrder(string format)
    {
        await PrecomputeAsync(format);

        var run = await VideopipeProcess.RunAsync([.. Decode(temp.File("out")), "--weights", Path.Combine(golden, "weights.safetensors")]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(17, await TestVideos.CountFramesAsync(temp.File("out/a.mp4")));
        Assert.Equal(9, await TestVideos.CountFramesAsync(temp.File("out/sub/b.mp4")));
        Assert.Equal(2, Directory.GetFiles(temp.File("out"), "*.mp4", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task OtherWeightsAreRefusedUnlessForced()
    {
        await PrecomputeAsync("safetensors");

        var refused = await VideopipeProcess.RunAsync([.. Decode(temp.File("refused")), "--random-weights-seed", "5"]);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not random-seed-5", refused.Stderr + refused.Stdout, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Stderr + refused.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(temp.File("refused")) ? Directory.GetFiles(temp.File("refused"), "*", SearchOption.AllDirectories) : []);

        var forced = await VideopipeProcess.RunAsync([.. Decode(temp.File("forced")), "--random-weights-seed", "5", "--force"]);

        Assert.True(forced.ExitCode == 0, forced.Stdout + forced.Stderr);
        Assert.Equal(17, await TestVideos.CountFramesAsync(temp.File("forced/a.mp4")));
    }

    private async Task PrecomputeAsync(string format)
    {
        var run = await VideopipeProcess.RunAsync(["precompute", "--input", temp.File("in"), "--output", temp.File("dataset"), "--format", format,
            "--tokenizer", "ivvae", "--config", Path.Combine(golden, "case.json"), "--weights", Path.Combine(golden, "weights.safetensors"),
            "--clip-frames", "9", "--clip-stride", "8"]);
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
    }

    private string[] Decode(string output) =>
        ["latents", "decode", temp.File("dataset"), output, "--tokenizer", "ivvae", "--config", Path.Combine(golden, "case.json")];
}

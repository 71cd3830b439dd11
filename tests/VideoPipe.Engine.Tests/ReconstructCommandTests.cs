using System.Diagnostics;
using VideoPipe.Media;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// <c>videopipe reconstruct</c> as a real process on the tiny IV-VAE golden configuration: file to file, stdin
/// ("-", a nut stream piped from ffmpeg) to file, file to stdout ("-", nut); frames out equal frames in. Empty
/// stdin and a seam report on stdin fail with a message naming stdin. Also <c>videopipe run</c> on a pipeline file
/// whose source reads "-" and whose write stage writes "-".
/// </summary>
public sealed class ReconstructCommandTests : IDisposable
{
    // 13 frames with 9-frame tiles: a second tile padded from 4 to 8 frames and cropped back.
    private const int Frames = 13;

    private readonly TempDirectory temp = new();
    private readonly string clip;

    public ReconstructCommandTests() => clip = TestVideos.Generate(temp.File("in"), "clip.mp4", 32, 24, Frames);

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task FileToFileKeepsEveryFrame()
    {
        var output = temp.File("out/clip.mp4");

        var run = await VideopipeProcess.RunAsync(Arguments(clip, output));

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(Frames, await TestVideos.CountFramesAsync(output));
    }

    [Fact]
    public async Task OneHostLoadsThePluginsOnceAndTheSeamReportReusesThem()
    {
        var run = await VideopipeProcess.RunAsync([.. Arguments(clip, temp.File("out/clip.mp4")), "--seam-report", temp.File("seams")]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.True(File.Exists(temp.File("seams/seams.json")));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(run.Stderr, "Loaded plugin videopipe.ivvae"));
    }

    [Fact]
    public async Task StdinStreamFromFfmpegToFile()
    {
        var output = temp.File("out/clip.mp4");
        using var ffmpeg = NutStreamOf(clip);

        var run = await VideopipeProcess.RunAsync(Arguments("-", output), stdin: ffmpeg.StandardOutput.BaseStream);

        await ffmpeg.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("metrics against the source are skipped", run.Stderr);
        Assert.Equal(Frames, await TestVideos.CountFramesAsync(output));
    }

    [Fact]
    public async Task FileToStdoutIsANutStreamAndEveryLineGoesToStderr()
    {
        var output = temp.File("out/stdout.nut");
        Directory.CreateDirectory(temp.File("out"));
        VideopipeProcess.Run run;
        await using (var stdout = File.Create(output))
        {
            run = await VideopipeProcess.RunAsync(Arguments(clip, "-"), stdout: stdout);
        }

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Completed - 1/1 items, {Frames} frames", run.Stderr);
        Assert.Equal(Frames, await TestVideos.CountFramesAsync(output));
    }

    [Fact]
    public async Task FamilySettingsReachEncodeAndDecodeAndAnUnreadableOneFailsBeforeWork()
    {
        var output = temp.File("out/clip.mp4");

        var run = await VideopipeProcess.RunAsync([.. Arguments(clip, output), "--setting", "groups_per_call=1", "--setting", "latents_per_call=3"]);
        var refused = await VideopipeProcess.RunAsync([.. Arguments(clip, temp.File("out/refused.mp4")), "--setting", "latents_per_call=0"]);
        var malformed = await VideopipeProcess.RunAsync([.. Arguments(clip, temp.File("out/malformed.mp4")), "--setting", "latents_per_call"]);
        var undeclared = await VideopipeProcess.RunAsync([.. Arguments(clip, temp.File("out/undeclared.mp4")), "--setting", "tilling=true"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(Frames, await TestVideos.CountFramesAsync(output));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("ivvae setting 'latents_per_call' must be a positive integer, got '0'", refused.Stderr);
        Assert.False(File.Exists(temp.File("out/refused.mp4")));
        Assert.Equal((int)PipelineOutcome.Invalid, malformed.ExitCode);
        Assert.Contains("--setting 'latents_per_call' must look like key=value", malformed.Stderr);
        Assert.Equal((int)PipelineOutcome.Invalid, undeclared.ExitCode);
        Assert.Contains("--setting 'tilling' is not a setting of ivvae", undeclared.Stderr);
    }

    [Fact]
    public async Task EmptyStdinFailsNamingStdin()
    {
        var output = temp.File("out/clip.mp4");

        var run = await VideopipeProcess.RunAsync(Arguments("-", output), stdin: Stream.Null);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("stdin: the stream is empty", run.Stdout + run.Stderr);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task SeamReportOnStdinIsRejectedBeforeReading()
    {
        var run = await VideopipeProcess.RunAsync([.. Arguments("-", temp.File("out/clip.mp4")), "--seam-report", temp.File("seams")]);

        Assert.Equal((int)PipelineOutcome.Invalid, run.ExitCode);
        Assert.Contains("stdin (input -) can be read only once", run.Stderr);
    }

    [Fact]
    public async Task RunStreamsAPipelineFileFromStdinToStdout()
    {
        var pipeline = temp.File("stdin-to-stdout.json");
        File.WriteAllText(pipeline, """
            { "stages": [
                { "name": "source", "type": "source", "options": { "files": ["-"] } },
                { "name": "decode", "type": "decode", "from": "source" },
                { "name": "write", "type": "write", "from": "decode", "options": { "file": "-", "encoding": "lossless-ffv1" } } ] }
            """);
        var output = temp.File("stdout.nut");
        using var ffmpeg = NutStreamOf(clip);
        VideopipeProcess.Run run;
        await using (var stdout = File.Create(output))
        {
            run = await VideopipeProcess.RunAsync(["run", pipeline], stdin: ffmpeg.StandardOutput.BaseStream, stdout: stdout);
        }

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains($"Completed - 1/1 items, {Frames} frames", run.Stderr);
        Assert.Equal(Frames, await TestVideos.CountFramesAsync(output));
    }

    private static Process NutStreamOf(string path) =>
        Process.Start(new ProcessStartInfo("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", path, "-f", "nut", "-"]) { RedirectStandardOutput = true })!;

    private static string[] Arguments(string input, string output)
    {
        var golden = Repository.GoldenCase("ivvae", "case1");
        return ["reconstruct", input, output, "--tokenizer", "ivvae", "--config", Path.Combine(golden, "case.json"),
            "--weights", Path.Combine(golden, "weights.safetensors"), "--tile-frames", "9"];
    }
}

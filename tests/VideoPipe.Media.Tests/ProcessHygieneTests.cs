using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

[CollectionDefinition(nameof(ProcessHygieneTests), DisableParallelization = true)]
public sealed class ProcessHygieneCollection;

/// <summary>Runs alone, so every ffmpeg child seen in /proc belongs to the test at hand.</summary>
[Collection(nameof(ProcessHygieneTests))]
public sealed class ProcessHygieneTests(Workspace workspace) : IClassFixture<Workspace>
{
    private async Task<string> LongVideoAsync()
    {
        var path = workspace.PathOf("long.mkv");
        if (!File.Exists(path))
        {
            await Videos.TestSourceAsync(path, "320x240", 25, 20, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");
        }

        return path;
    }

    [Fact]
    public async Task Cancelling_a_read_kills_and_reaps_ffmpeg()
    {
        var path = await LongVideoAsync();
        using var cancel = new CancellationTokenSource();
        var blocks = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var block in new VideoReader().ReadAsync(path, new VideoReadOptions { BlockSize = 4 }, cancel.Token))
            {
                block.Dispose();
                Assert.NotEmpty(ChildProcesses.MediaTools());
                if (++blocks == 2)
                {
                    await cancel.CancelAsync();
                }
            }
        });

        Assert.Equal(2, blocks);
        await ChildProcesses.AssertNoneAsync();
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_early_is_clean()
    {
        var path = await LongVideoAsync();

        await foreach (var block in new VideoReader().ReadAsync(path, new VideoReadOptions { BlockSize = 2 }))
        {
            Assert.Equal(2, block.Count);
            block.Dispose();
            break;
        }

        await ChildProcesses.AssertNoneAsync();
    }

    [Fact]
    public async Task A_read_past_its_time_limit_fails_as_a_timeout()
    {
        var path = await LongVideoAsync();

        var error = await Assert.ThrowsAsync<VideoInputException>(async () =>
        {
            await foreach (var block in new VideoReader().ReadAsync(path, new VideoReadOptions { BlockSize = 8, Timeout = TimeSpan.FromMilliseconds(1500) }))
            {
                block.Dispose();
                await Task.Delay(200);
            }
        });

        Assert.Equal(VideoInputErrorKind.Timeout, error.Kind);
        Assert.Equal(path, error.Path);
        await ChildProcesses.AssertNoneAsync();
    }

    [Fact]
    public async Task Cancelling_a_write_leaves_neither_a_file_nor_a_process()
    {
        var path = workspace.PathOf("cancelled.mp4");
        using var cancel = new CancellationTokenSource();
        var frame = Pixels.Noise(64, 48, 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await using var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = 64, Height = 48, FrameRate = new Rational(25, 1), Preset = "ultrafast" });
            for (var i = 0; i < 1000; i++)
            {
                if (i == 10)
                {
                    await cancel.CancelAsync();
                }

                await writer.WriteAsync(frame, cancel.Token);
            }
        });

        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(workspace.Root, "*.partial"));
        await ChildProcesses.AssertNoneAsync();
    }

    [Fact]
    public async Task A_failing_encoder_is_reported_with_ffmpegs_words_and_leaves_no_file()
    {
        var path = workspace.PathOf("bad-preset.mp4");

        var error = await Assert.ThrowsAsync<VideoOutputException>(async () =>
        {
            await using var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = 64, Height = 48, FrameRate = new Rational(25, 1), Preset = "no-such-preset" });
            await writer.WriteAsync(Pixels.Noise(64, 48, 1));
            await writer.CompleteAsync();
        });

        Assert.Contains("no-such-preset", error.ToolOutput);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(workspace.Root, "*.partial"));
        await ChildProcesses.AssertNoneAsync();
    }

    [Fact]
    public async Task A_completed_write_appears_under_its_name_only_at_the_end()
    {
        var path = workspace.PathOf("complete.mkv");
        await using var writer = VideoWriter.Create(path, new VideoWriteOptions { Width = 16, Height = 16, FrameRate = new Rational(25, 1), Encoding = VideoEncoding.LosslessFfv1 });
        await writer.WriteAsync(Pixels.Noise(16, 16, 1));

        Assert.False(File.Exists(path));
        await writer.CompleteAsync();

        Assert.True(File.Exists(path));
        Assert.Empty(Directory.GetFiles(workspace.Root, "*.partial"));
        await ChildProcesses.AssertNoneAsync();
    }
}

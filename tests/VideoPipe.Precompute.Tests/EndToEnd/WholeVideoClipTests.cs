using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Precompute.Tests;

/// <summary>Without --clip-frames each video is one clip, held in memory whole: bounded by --max-clip-frames.</summary>
[Collection(VideoCollection.Name)]
public sealed class WholeVideoClipTests(TestVideos videos) : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task AWholeVideoLongerThanTheClipLimitIsQuarantinedAndTheRestAreEncodedWhole()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        // 29 frames at most: the 33-frame video is too long; the 32-frame one is cut to 29 by the frame rule and fits.
        var options = Precompute.Options(input, output, TestPluginFolder.CreateWeights(temp.Path)) with { ClipFrames = null, ClipStride = null, MaxClipFrames = 29 };

        var outcome = await Precompute.RunInProcessAsync(options);

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var state = LedgerState.From(DatasetFiles.Ledger(output, ShardSpec.Single.Name));
        Assert.Equal(["a_testsrc2_33.mp4"], state.QuarantinedSources.Keys);
        var quarantine = state.QuarantinedSources["a_testsrc2_33.mp4"];
        Assert.Contains("ClipTooLong", quarantine.Reason);
        Assert.Contains("--max-clip-frames 29", quarantine.Reason);
        Assert.Equal(1, quarantine.Attempts);
        Assert.Equal(TestVideos.GoodCount - 1, state.Done.Count);

        var source = Path.Combine(input, "f_testsrc_32.mp4");
        var window = new ClipWindow(0, 0, 29);
        using var file = SafetensorsFile.Open((await DatasetFiles.LatentFileAsync(output, outcome, input, "f_testsrc_32.mp4", window)).Path);
        using var stored = file.Load(LatentFile.SingleTensorName);
        using var tokenizer = new AveragePoolTokenizer(DType.Float32);
        using var expected = await DirectEncoding.EncodeCentreCropAsync(tokenizer, source, window, 64);
        Assert.Equal(expected.ToArray<float>(), stored.ToArray<float>());
    }

    public void Dispose() => temp.Dispose();
}

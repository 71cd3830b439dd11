using VideoPipe.Tests.Shared;

namespace VideoPipe.Precompute.Tests;

/// <summary>Corruption is judged by what decodes, not by what ffmpeg prints.</summary>
[Collection(VideoCollection.Name)]
public sealed class DamagedInputTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public async Task AVideoWhoseFirstSliceDrawsAnErrorButDecodesInFullIsEncodedWithTheWarningInTheLedger()
    {
        var input = temp.Sub("in");
        var complaint = await DamagedFirstSlice.WriteAsync(Path.Combine(input, "damaged.mp4"));
        var output = Path.Combine(temp.Path, "out");
        var options = Precompute.Options(input, output, TestPluginFolder.CreateWeights(temp.Path)) with { ClipFrames = 9, ClipStride = 8 };

        var outcome = await Precompute.RunInProcessAsync(options);

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var ledger = DatasetFiles.Ledger(output, ShardSpec.Single.Name);
        Assert.DoesNotContain(ledger, r => r.Event == LedgerEvent.Quarantined);
        // 32 frames: windows of 9 every 8 -> 3 clips
        Assert.Equal(3, ledger.Count(r => r.Event == LedgerEvent.Done));
        var done = Assert.Single(ledger, r => r.Event == LedgerEvent.SourceDone);
        var warning = Assert.Single(done.Warnings!);
        Assert.Contains($"decoded all {DamagedFirstSlice.Frames} frames", warning);
        Assert.Contains("[error]", complaint);
    }

    public void Dispose() => temp.Dispose();
}

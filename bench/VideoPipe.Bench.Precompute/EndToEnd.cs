using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Abstractions;
using VideoPipe.Precompute;

namespace VideoPipe.Bench.Precompute;

/// <summary>
/// (b) The real precompute of one shard, in process through the runner `videopipe precompute` calls (tokenizer
/// already loaded, as in (a)), into a fresh output folder: work list, hashing, probing, decoding, encoding, storing
/// with fsync, ledger.
/// </summary>
internal static class EndToEnd
{
    public static async Task<Measurement> RunAsync(PrecomputeOptions options, LoadedTokenizer tokenizer, int expectedClips)
    {
        var runner = new PrecomputeRunner(NullLoggerFactory.Instance, TimeProvider.System);
        PrecomputeOutcome? outcome = null;
        var measured = await Measurement.TimeAsync(expectedClips, async () => outcome = await runner.RunAsync(options, tokenizer, CpuDeviceContext.Instance, StopSignals.None));
        var written = Directory.EnumerateFiles(Path.Combine(options.OutputDirectory, "latents"), "*.safetensors", SearchOption.AllDirectories).Count();
        if (outcome!.ExitCode != PrecomputeExitCodes.Completed || written != expectedClips)
        {
            throw new InvalidOperationException($"precompute did not complete as expected: exit {outcome.ExitCode}, {written} of {expectedClips} latents; {outcome.Summary}");
        }

        return measured;
    }
}

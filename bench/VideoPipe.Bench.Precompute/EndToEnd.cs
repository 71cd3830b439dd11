using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Precompute;

namespace VideoPipe.Bench.Precompute;

/// <summary>
/// (b) The real precompute of one shard, in process through the job `videopipe precompute` runs (the Engine graph,
/// which loads its own copy of the tokenizer, as the command does), into a fresh output folder: work list, hashing,
/// probing, decoding, encoding, storing with fsync, ledger.
/// </summary>
internal static class EndToEnd
{
    public static async Task<Measurement> RunAsync(PrecomputeOptions options, BenchModel tokenizer, int expectedClips)
    {
        using var components = ComponentSet.Builtin(new OdVaeFamily());
        var job = new PrecomputeJob(new DeviceManager(), NullLoggerFactory.Instance);
        PrecomputeOutcome? outcome = null;
        var measured = await Measurement.TimeAsync(expectedClips, async () => outcome = await job.RunAsync(options, components, StopSignals.None));
        var written = Directory.EnumerateFiles(Path.Combine(options.OutputDirectory, "latents"), "*.safetensors", SearchOption.AllDirectories).Count();
        if (outcome!.ExitCode != PrecomputeExitCodes.Completed || written != expectedClips)
        {
            throw new InvalidOperationException($"precompute did not complete as expected: exit {outcome.ExitCode}, {written} of {expectedClips} latents; {outcome.Summary}");
        }

        return measured;
    }
}

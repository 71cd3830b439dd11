using Microsoft.Extensions.Logging;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>The `precompute` command's work, after parsing: termination signals, then the shard's graph on the Engine.</summary>
public sealed class PrecomputeApplication(ILoggerFactory loggers, DeviceManager devices)
{
    public async Task<int> RunAsync(PrecomputeOptions options, ComponentSet components)
    {
        var logger = loggers.CreateLogger<PrecomputeApplication>();
        using var signals = new TerminationSignals("precompute", "finishing in-flight clips", options.GracePeriod);
        TorchRuntime.EnsureInitialized();
        try
        {
            var outcome = await new PrecomputeJob(devices, loggers).RunAsync(options, components, new StopSignals(signals.Stop, signals.Abort));
            Console.Out.WriteLine(outcome.Summary);
            return outcome.ExitCode;
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or DirectoryNotFoundException or FormatException)
        {
            logger.LogError("{Reason}", ex.Message);
            return PrecomputeExitCodes.InvalidSettings;
        }
        catch (OperationCanceledException)
        {
            return PrecomputeExitCodes.Interrupted;
        }
    }
}

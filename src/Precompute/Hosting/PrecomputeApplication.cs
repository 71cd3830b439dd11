using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>The `precompute` command's work, after parsing: signals, device, tokenizer, then the shard run.</summary>
public sealed class PrecomputeApplication(ILoggerFactory loggers, ITokenizerFamilySource families, Func<Device, IDeviceContext> deviceContexts)
{
    public async Task<int> RunAsync(PrecomputeOptions options)
    {
        var logger = loggers.CreateLogger<PrecomputeApplication>();
        using var signals = new TerminationSignals(options.GracePeriod);
        TorchRuntime.EnsureInitialized();
        LoadedTokenizer tokenizer;
        IDeviceContext device;
        try
        {
            device = deviceContexts(Device.Parse(options.Device));
            tokenizer = await TokenizerLoader.LoadAsync(options, families, device, signals.Signals.Abort);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or FormatException or System.Text.Json.JsonException)
        {
            logger.LogError("{Reason}", ex.Message);
            return PrecomputeExitCodes.InvalidSettings;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "the tokenizer could not be loaded");
            return PrecomputeExitCodes.SystemicFault;
        }

        using (tokenizer)
        {
            try
            {
                var runner = new PrecomputeRunner(loggers, TimeProvider.System);
                var outcome = await runner.RunAsync(options, tokenizer, device, signals.Signals);
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
            catch (Exception ex)
            {
                logger.LogError(ex, "precompute failed");
                return PrecomputeExitCodes.SystemicFault;
            }
        }
    }
}

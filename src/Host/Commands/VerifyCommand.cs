using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Parity;
using VideoPipe.Torch;

namespace VideoPipe.Host;

internal static class VerifyCommand
{
    public static Command Create()
    {
        var caseDir = new Argument<DirectoryInfo>("case-dir") { Description = "a golden case folder (case.json, weights, inputs, goldens)" };
        var plugins = SharedOptions.Plugins();
        var device = new Option<string?>("--device") { Description = "cpu or cuda[:i] (default: the case's \"device\", else cpu)" };
        var command = new Command("verify", "Run a golden parity case with its family's plugin: one line per step (max |err|, worst |got-want|/tol, PASS/FAIL); exit 1 when any step fails.")
        {
            caseDir, plugins, device,
        };
        command.SetAction(async (parse, _) =>
        {
            using var host = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], quiet: true).Build();
            await using var catalog = host.Services.GetRequiredService<PluginCatalog>();
            catalog.Refresh();
            GoldenCase goldenCase;
            try
            {
                goldenCase = GoldenCase.Load(parse.GetValue(caseDir)!.FullName);
            }
            catch (Exception e) when (e is GoldenCaseException or IOException)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }

            IDeviceContext deviceContext;
            try
            {
                deviceContext = host.Services.GetRequiredService<DeviceManager>().Create(
                    parse.GetValue(device) is { } requested ? Device.Parse(requested) : goldenCase.Device);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"{goldenCase.Directory}: {e.Message}");
                return 2;
            }

            Console.WriteLine($"device: {deviceContext.Device}");
            if (goldenCase.Family == OptimizerStepsCase.Family)
            {
                return Report(OptimizerStepsCase.Run(goldenCase, deviceContext.Device));
            }

            using var components = catalog.Acquire();
            if (!components.Families.TryGetValue(goldenCase.Family, out var family))
            {
                Console.Error.WriteLine($"no plugin offers family '{goldenCase.Family}'; installed: {string.Join(", ", components.Families.Keys.Order())}");
                foreach (var failure in catalog.Failures)
                {
                    Console.Error.WriteLine($"  (plugin folder {failure.Folder} failed to load: {failure.Reason})");
                }

                return 2;
            }

            return Report(ParityRunner.Run(goldenCase, family, deviceContext));
        });
        return command;
    }

    private static int Report(IReadOnlyList<ParityStepResult> results)
    {
        foreach (var result in results)
        {
            Console.WriteLine(result);
        }

        var failed = results.Count(r => !r.Passed);
        Console.WriteLine(failed == 0 ? $"PASS: {results.Count} step(s)" : $"FAIL: {failed} of {results.Count} step(s)");
        return failed == 0 ? 0 : 1;
    }
}

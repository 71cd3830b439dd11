using System.CommandLine;
using VideoPipe.Torch;

namespace VideoPipe.Host;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print VideoPipe, libtorch and thread information.");
        command.SetAction(_ =>
        {
            TorchRuntime.EnsureInitialized();
            var version = typeof(VersionCommand).Assembly.GetName().Version;
            Console.WriteLine($"videopipe {version}");
            Console.WriteLine($"libtorch {TorchRuntime.LibTorchVersion}, oneDNN {(TorchRuntime.HasOneDnn ? "yes" : "no")}, threads {TorchRuntime.Threads}, cuda {(TorchRuntime.CudaAvailable ? TorchRuntime.CudaDeviceCount + " device(s)" : "no")}");
            return 0;
        });
        return command;
    }
}

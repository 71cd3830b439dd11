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
            Console.WriteLine($"memory: malloc arenas {TorchRuntime.NativeHeap.Arenas} ({Setting("MALLOC_ARENA_MAX", "glibc default: 8 per core")}), gen0 budget {Setting("DOTNET_GCgen0size", "runtime default")}");
            return 0;
        });
        return command;
    }

    private static string Setting(string variable, string unset) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? $"{variable}={value}" : unset;
}

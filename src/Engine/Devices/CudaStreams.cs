using System.Reflection;
using System.Runtime.InteropServices;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// The CUDA stream calls of the native shim (vp_cuda_stream_from_pool / vp_cuda_set_stream), which VideoPipe.Torch
/// does not expose publicly. Resolves the same libvideopipe_torch.so that VideoPipe.Torch loaded.
/// Untested here: this machine has no GPU.
/// </summary>
internal static partial class CudaStreams
{
    private const string Lib = "videopipe_torch";

#pragma warning disable CA2255 // module initializer installs the native resolver before any P/Invoke
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void InstallResolver() => NativeLibrary.SetDllImportResolver(typeof(CudaStreams).Assembly, Resolve);

    public static long FromPool(int device, bool highPriority)
    {
        TorchRuntime.EnsureInitialized();
        Check(vp_cuda_stream_from_pool(device, highPriority ? 1 : 0, out var stream), "vp_cuda_stream_from_pool");
        return stream;
    }

    public static long Current(int device)
    {
        Check(vp_cuda_current_stream(device, out var stream), "vp_cuda_current_stream");
        return stream;
    }

    public static void SetCurrent(int device, long stream) => Check(vp_cuda_set_stream(device, stream), "vp_cuda_set_stream");

    private static void Check(int status, string call)
    {
        if (status != 0)
        {
            var message = Marshal.PtrToStringUTF8(vp_last_error()) ?? "unknown error";
            throw new TorchException($"{call} failed: {message}");
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != Lib)
        {
            return nint.Zero;
        }

        var explicitPath = Environment.GetEnvironmentVariable("VIDEOPIPE_TORCH_NATIVE");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return NativeLibrary.Load(explicitPath);
        }

        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchRuntime).Assembly.Location) ?? "." })
        {
            var candidate = Path.Combine(folder, "libvideopipe_torch.so");
            if (File.Exists(candidate))
            {
                return NativeLibrary.Load(candidate);
            }
        }

        return nint.Zero;
    }

    [LibraryImport(Lib)] private static partial nint vp_last_error();
    [LibraryImport(Lib)] private static partial int vp_cuda_stream_from_pool(int devIndex, int highPriority, out long streamId);
    [LibraryImport(Lib)] private static partial int vp_cuda_set_stream(int devIndex, long streamId);
    [LibraryImport(Lib)] private static partial int vp_cuda_current_stream(int devIndex, out long streamId);
}

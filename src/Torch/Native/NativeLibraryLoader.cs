using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

/// <summary>
/// Finds libvideopipe_torch.so: VIDEOPIPE_TORCH_NATIVE (a file path) first, then next to this assembly,
/// then the default probing. Installed once, from the module initializer.
/// </summary>
internal static class NativeLibraryLoader
{
    public const string OverrideVariable = "VIDEOPIPE_TORCH_NATIVE";

#pragma warning disable CA2255 // module initializer is the intended hook for a native resolver
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != NativeMethods.Lib)
        {
            return nint.Zero;
        }

        var explicitPath = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return NativeLibrary.Load(explicitPath);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "libvideopipe_torch.so");
        if (File.Exists(beside))
        {
            return NativeLibrary.Load(beside);
        }

        var besideAssembly = Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", "libvideopipe_torch.so");
        return File.Exists(besideAssembly) ? NativeLibrary.Load(besideAssembly) : nint.Zero;
    }
}

using System.Reflection;
using System.Runtime.InteropServices;
using VideoPipe.Interop;

namespace VideoPipe.Torch.Native;

/// <summary>
/// Finds libvideopipe_torch.so (<see cref="NativeFileLocator"/>), else leaves it to the default probing.
/// Installed once, from the module initializer.
/// </summary>
internal static class NativeLibraryLoader
{
    public const string OverrideVariable = "VIDEOPIPE_TORCH_NATIVE";

#pragma warning disable CA2255 // module initializer is the intended hook for a native resolver
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name == NativeMethods.Lib && NativeFileLocator.Find("libvideopipe_torch.so", OverrideVariable, assembly) is { } file
            ? NativeLibrary.Load(file)
            : nint.Zero;
}

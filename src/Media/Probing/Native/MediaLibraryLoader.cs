using System.Reflection;
using System.Runtime.InteropServices;
using VideoPipe.Interop;

namespace VideoPipe.Media.Probing.Native;

/// <summary>Finds libvideopipe_media.so (<see cref="NativeLibraryLocator"/>); installed once, from the module initializer.</summary>
internal static class MediaLibraryLoader
{
    public const string OverrideVariable = "VIDEOPIPE_MEDIA_NATIVE";

    private const string FileName = "libvideopipe_media.so";

#pragma warning disable CA2255 // module initializer is the intended hook for a native resolver
    [System.Runtime.CompilerServices.ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => NativeLibrary.SetDllImportResolver(typeof(MediaLibraryLoader).Assembly, Resolve);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path) =>
        name != MediaNativeMethods.Lib ? nint.Zero
        : NativeLibraryLocator.Load(FileName, OverrideVariable, assembly) is var handle and not 0 ? handle
        : throw new DllNotFoundException(
            $"{FileName} was found neither next to the application nor next to {assembly.GetName().Name}.dll: build the solution (scripts/setup.sh builds native/media against libavformat-dev) or set {OverrideVariable}");
}

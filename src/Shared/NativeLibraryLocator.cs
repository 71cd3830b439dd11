using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoPipe.Interop;

/// <summary>
/// Where one of our native libraries is loaded from: the file named by an override variable first, then next to the
/// application, then next to the assembly that imports it. Compiled into each assembly that owns a native library
/// (VideoPipe.Torch, VideoPipe.Media).
/// </summary>
internal static class NativeLibraryLocator
{
    /// <returns>The loaded library, or zero when none of the places has it.</returns>
    public static nint Load(string fileName, string overrideVariable, Assembly assembly)
    {
        var explicitPath = Environment.GetEnvironmentVariable(overrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return NativeLibrary.Load(explicitPath);
        }

        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(assembly.Location) ?? "." })
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return NativeLibrary.Load(candidate);
            }
        }

        return nint.Zero;
    }
}

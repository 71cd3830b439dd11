using System.Reflection;

namespace VideoPipe.Interop;

/// <summary>
/// Where one of our native files (a shared library, a helper executable) is: the path an override variable names
/// first, then next to the application, then next to the assembly that uses it. Compiled into each assembly that
/// owns one (VideoPipe.Torch: libvideopipe_torch.so; VideoPipe.Media: videopipe-probe).
/// </summary>
internal static class NativeFileLocator
{
    /// <returns>The path, or null when none of the places has the file.</returns>
    public static string? Find(string fileName, string overrideVariable, Assembly assembly)
    {
        var explicitPath = Environment.GetEnvironmentVariable(overrideVariable);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(assembly.Location) ?? "." })
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

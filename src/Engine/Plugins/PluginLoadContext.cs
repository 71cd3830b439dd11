using System.Reflection;
using System.Runtime.Loader;

namespace VideoPipe.Engine;

/// <summary>
/// A collectible context for one plugin (shadow copy). The plugin's private dependencies resolve from its folder;
/// the contracts (VideoPipe.Abstractions, VideoPipe.Torch) and Microsoft.Extensions.* come from the host's default
/// context so a type means the same thing on both sides.
/// </summary>
internal sealed class PluginLoadContext(string mainAssemblyPath, string name) : AssemblyLoadContext(name, isCollectible: true)
{
    private readonly AssemblyDependencyResolver resolver = new(mainAssemblyPath);

    public static bool IsShared(AssemblyName assemblyName) =>
        assemblyName.Name is { } n && (n == "VideoPipe.Abstractions" || n == "VideoPipe.Torch" || n.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (IsShared(assemblyName))
        {
            return null;
        }

        var path = resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override nint LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? nint.Zero : LoadUnmanagedDllFromPath(path);
    }
}

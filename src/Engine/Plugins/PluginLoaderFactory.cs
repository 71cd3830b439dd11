using System.Reflection;
using McMaster.NETCore.Plugins;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// Loads one plugin (already shadow-copied) into its own unloadable context through McMaster.NETCore.Plugins. The
/// plugin's private dependencies resolve from its folder; the contracts (VideoPipe.Abstractions, VideoPipe.Plugins.Sdk,
/// VideoPipe.Torch) and Microsoft.Extensions.* come from the host's default context so a type means the same thing on both sides.
/// </summary>
internal static class PluginLoaderFactory
{
    private static readonly Lazy<IReadOnlyList<AssemblyName>> Extensions = new(HostExtensionAssemblies);

    public static PluginLoader Create(string mainAssemblyPath) =>
        PluginLoader.CreateFromAssemblyFile(mainAssemblyPath, isUnloadable: true, sharedTypes: [typeof(ITokenizer), typeof(Tensor), typeof(TokenizerFamily<,>)], config =>
        {
            config.PreferSharedTypes = false;
            foreach (var name in Extensions.Value)
            {
                config.SharedAssemblies.Add(name);
            }
        });

    /// <summary>Every Microsoft.Extensions assembly the host ships (the contracts are shared through their types above).</summary>
    private static IReadOnlyList<AssemblyName> HostExtensionAssemblies()
    {
        var names = new List<AssemblyName>();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.Extensions.*.dll"))
        {
            try
            {
                names.Add(AssemblyName.GetAssemblyName(file));
            }
            catch (BadImageFormatException)
            {
                // not a managed assembly: nothing to share
            }
        }

        return names;
    }
}

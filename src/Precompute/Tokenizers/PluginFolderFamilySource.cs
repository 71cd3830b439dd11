using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>
/// Loads the plugins of a folder (each subfolder holding a plugin.json that names an assembly and an
/// <see cref="IVideoPipePlugin"/> entry type). Shared contracts (VideoPipe.Abstractions, VideoPipe.Torch,
/// Microsoft.Extensions.*) resolve from the default context so types match across the boundary; a plugin that
/// fails to load is logged and skipped. Precompute is a batch job, so plugins are loaded once and never unloaded.
/// </summary>
public sealed class PluginFolderFamilySource : ITokenizerFamilySource
{
    public PluginFolderFamilySource(string directory, ILogger logger)
    {
        var families = new List<ITokenizerFamily>();
        if (Directory.Exists(directory))
        {
            foreach (var manifest in Directory.EnumerateFiles(directory, "plugin.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                try
                {
                    families.AddRange(Load(manifest));
                }
                catch (Exception ex) when (ex is IOException or JsonException or BadImageFormatException or TypeLoadException or InvalidOperationException or TargetInvocationException or FileLoadException)
                {
                    logger.LogWarning("plugin {Manifest} was not loaded: {Reason}", manifest, ex.Message);
                }
            }
        }

        Families = families;
    }

    public IReadOnlyList<ITokenizerFamily> Families { get; }

    /// <summary>The plugin folder: --plugins, else VIDEOPIPE_PLUGINS, else plugins/ next to the program, else the repository's artifacts/plugins.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("VIDEOPIPE_PLUGINS") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        var besideProgram = Path.Combine(AppContext.BaseDirectory, "plugins");
        if (Directory.Exists(besideProgram))
        {
            return besideProgram;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var staged = Path.Combine(folder.FullName, "artifacts", "plugins");
            if (Directory.Exists(staged))
            {
                return staged;
            }
        }

        return besideProgram;
    }

    private static IEnumerable<ITokenizerFamily> Load(string manifestPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(manifestPath));
        var root = document.RootElement;
        var assemblyName = root.GetProperty("assembly").GetString() ?? throw new InvalidOperationException("plugin.json: \"assembly\" is empty");
        var entryType = root.GetProperty("entryType").GetString() ?? throw new InvalidOperationException("plugin.json: \"entryType\" is empty");
        var assemblyPath = Path.GetFullPath(assemblyName, Path.GetDirectoryName(Path.GetFullPath(manifestPath))!);
        var context = new PluginLoadContext(assemblyPath);
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        var type = assembly.GetType(entryType, throwOnError: true)!;
        var plugin = Activator.CreateInstance(type) as IVideoPipePlugin
            ?? throw new InvalidOperationException($"{entryType} does not implement {nameof(IVideoPipePlugin)}");
        return plugin.Families;
    }

    private sealed class PluginLoadContext(string assemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(assemblyPath), isCollectible: false)
    {
        private readonly AssemblyDependencyResolver resolver = new(assemblyPath);

        protected override Assembly? Load(AssemblyName name)
        {
            var simpleName = name.Name ?? string.Empty;
            if (simpleName.StartsWith("VideoPipe.Abstractions", StringComparison.Ordinal)
                || simpleName.StartsWith("VideoPipe.Torch", StringComparison.Ordinal)
                || simpleName.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal))
            {
                return null;
            }

            return resolver.ResolveAssemblyToPath(name) is { } path ? LoadFromAssemblyPath(path) : null;
        }

        protected override nint LoadUnmanagedDll(string unmanagedDllName) =>
            resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : nint.Zero;
    }
}

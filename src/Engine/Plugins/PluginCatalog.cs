using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Engine;

/// <summary>
/// Discovers plugin folders, loads each (shadow-copied) into its own collectible context and hands out component
/// sets. A changed folder loads as a new version next to the old one; new runs get the new version, the old one is
/// unloaded once its runs finish, and its collection is verified. A folder that fails to load is reported and skipped.
/// </summary>
public sealed class PluginCatalog : IComponentCatalog, IAsyncDisposable
{
    private readonly PluginOptions options;
    private readonly ILogger logger;
    private readonly object gate = new();
    private readonly Dictionary<string, LoadedPlugin> current = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PluginLoadFailure> failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> failedFingerprints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> lastSeen = new(StringComparer.Ordinal);
    private readonly List<Task> unloading = [];
    private readonly List<PluginUnloadReport> unloads = [];
    private readonly string shadowRoot;

    public PluginCatalog(IOptions<PluginOptions> options, ILogger<PluginCatalog> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        shadowRoot = this.options.ShadowRoot ?? Path.Combine(Path.GetTempPath(), "videopipe-plugins", $"{Environment.ProcessId}-{Guid.NewGuid():N}");
    }

    public IReadOnlyList<LoadedPlugin> Plugins
    {
        get
        {
            lock (gate)
            {
                return current.Values.OrderBy(p => p.Manifest.Id, StringComparer.Ordinal).ToList();
            }
        }
    }

    public IReadOnlyList<PluginLoadFailure> Failures
    {
        get
        {
            lock (gate)
            {
                return failures.Values.OrderBy(f => f.Folder, StringComparer.Ordinal).ToList();
            }
        }
    }

    public IReadOnlyList<PluginUnloadReport> Unloads
    {
        get
        {
            lock (gate)
            {
                return unloads.ToList();
            }
        }
    }

    /// <summary>
    /// Scans the plugin directories once. With <paramref name="requireStable"/> a new or changed folder is taken only
    /// when it looks the same as on the previous scan (so a folder still being copied is not loaded half-way).
    /// </summary>
    public void Refresh(bool requireStable = false)
    {
        var folders = PluginFolders.Discover(options.Directories).ToList();
        foreach (var folder in folders)
        {
            string fingerprint;
            try
            {
                fingerprint = PluginFolders.Fingerprint(folder);
            }
            catch (IOException)
            {
                continue;
            }

            var previous = lastSeen.GetValueOrDefault(folder);
            lastSeen[folder] = fingerprint;
            lock (gate)
            {
                if ((current.TryGetValue(folder, out var loaded) && loaded.Fingerprint == fingerprint) || failedFingerprints.GetValueOrDefault(folder) == fingerprint)
                {
                    continue;
                }
            }

            if (requireStable && previous != fingerprint)
            {
                continue;
            }

            LoadFolder(folder, fingerprint);
        }

        lock (gate)
        {
            foreach (var gone in current.Keys.Where(f => !folders.Contains(f)).ToList())
            {
                logger.LogInformation("Plugin folder {Folder} disappeared; unloading {Id} {Version}", gone, current[gone].Manifest.Id, current[gone].Manifest.Version);
                RetireLocked(current[gone]);
                current.Remove(gone);
            }

            foreach (var gone in failures.Keys.Where(f => !folders.Contains(f)).ToList())
            {
                failures.Remove(gone);
                failedFingerprints.Remove(gone);
            }
        }
    }

    /// <summary>Polls for plugin changes until cancelled (hot reload for <c>serve</c>).</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Refresh(requireStable: true);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public ComponentSet Acquire()
    {
        lock (gate)
        {
            var stageTypes = BuiltinStageTypes.All.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var families = new Dictionary<string, ITokenizerFamily>(StringComparer.Ordinal);
            var leases = new List<IDisposable>();
            foreach (var plugin in current.Values)
            {
                leases.Add(plugin.Lease());
                foreach (var family in plugin.Families)
                {
                    families[family.Family] = family;
                }

                foreach (var stage in plugin.StageTypes)
                {
                    stageTypes[stage.Name] = stage;
                }
            }

            return new ComponentSet(stageTypes, families, leases);
        }
    }

    /// <summary>Completes when every retired version has been unloaded (and its collection checked).</summary>
    public Task UnloadsSettled()
    {
        lock (gate)
        {
            return Task.WhenAll(unloading.ToList());
        }
    }

    private void LoadFolder(string folder, string fingerprint)
    {
        var (plugin, failure) = TryLoad(folder, fingerprint);
        lock (gate)
        {
            if (plugin is not null)
            {
                var conflict = Conflict(plugin, folder);
                if (conflict is null)
                {
                    if (current.Remove(folder, out var old))
                    {
                        logger.LogInformation("Plugin {Id} {Old} replaced by {New}; new work goes to the new version", plugin.Manifest.Id, old.Manifest.Version, plugin.Manifest.Version);
                        RetireLocked(old);
                    }
                    else
                    {
                        logger.LogInformation("Loaded plugin {Id} {Version} from {Folder}", plugin.Manifest.Id, plugin.Manifest.Version, folder);
                    }

                    current[folder] = plugin;
                    failures.Remove(folder);
                    failedFingerprints.Remove(folder);
                    return;
                }

                RetireLocked(plugin);
                failure = conflict;
            }

            logger.LogWarning("Skipping plugin folder {Folder}: {Reason}", folder, failure);
            failures[folder] = new PluginLoadFailure(folder, failure!);
            failedFingerprints[folder] = fingerprint;
        }
    }

    private string? Conflict(LoadedPlugin plugin, string folder)
    {
        foreach (var other in current.Where(kv => kv.Key != folder).Select(kv => kv.Value))
        {
            var family = plugin.Families.Select(f => f.Family).Intersect(other.Families.Select(f => f.Family)).FirstOrDefault();
            if (family is not null)
            {
                return $"family '{family}' is already provided by plugin {other.Manifest.Id} ({other.Folder})";
            }

            var stage = plugin.StageTypes.Select(s => s.Name).Intersect(other.StageTypes.Select(s => s.Name)).FirstOrDefault();
            if (stage is not null)
            {
                return $"stage type '{stage}' is already provided by plugin {other.Manifest.Id} ({other.Folder})";
            }
        }

        var builtin = plugin.StageTypes.Select(s => s.Name).Intersect(BuiltinStageTypes.All.Select(s => s.Name)).FirstOrDefault();
        return builtin is null ? null : $"stage type '{builtin}' is built in and cannot be replaced";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (LoadedPlugin? Plugin, string? Failure) TryLoad(string folder, string fingerprint)
    {
        PluginManifest manifest;
        try
        {
            manifest = PluginManifest.Read(folder);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (null, e.Message);
        }

        var shadow = Path.Combine(shadowRoot, $"{PluginFolders.SafeName(manifest.Id)}-{PluginFolders.SafeName(manifest.Version)}-{Guid.NewGuid():N}");
        PluginLoader? loader = null;
        try
        {
            PluginFolders.Copy(folder, shadow);
            var assemblyPath = Path.Combine(shadow, manifest.Assembly);
            if (!File.Exists(assemblyPath))
            {
                throw new InvalidDataException($"assembly '{manifest.Assembly}' named in {PluginManifest.FileName} is not in the folder");
            }

            loader = PluginLoaderFactory.Create(assemblyPath);
            var (families, stageTypes) = Instantiate(loader, manifest);
            return (new LoadedPlugin(manifest, folder, shadow, fingerprint, loader, families, stageTypes), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            loader?.Dispose();
            PluginFolders.TryDelete(shadow);
            var reason = e is TargetInvocationException { InnerException: { } inner } ? $"{manifest.EntryType} threw {inner.GetType().Name}: {inner.Message}" : e.Message;
            return (null, $"{manifest.Id} {manifest.Version}: {reason}");
        }
    }

    private static (IReadOnlyList<ITokenizerFamily>, IReadOnlyList<IStageType>) Instantiate(PluginLoader loader, PluginManifest manifest)
    {
        var assembly = loader.LoadDefaultAssembly();
        var type = assembly.GetType(manifest.EntryType, throwOnError: false)
            ?? throw new InvalidDataException($"entry type '{manifest.EntryType}' is not in {manifest.Assembly}");
        if (!typeof(IVideoPipePlugin).IsAssignableFrom(type) && !typeof(IStageProvider).IsAssignableFrom(type))
        {
            throw new InvalidDataException($"entry type '{manifest.EntryType}' implements neither IVideoPipePlugin nor IStageProvider (is VideoPipe.Abstractions copied into the plugin folder?)");
        }

        var instance = Activator.CreateInstance(type) ?? throw new InvalidDataException($"could not create {manifest.EntryType}");
        var families = (instance as IVideoPipePlugin)?.Families.ToList() ?? [];
        var stageTypes = (instance as IStageProvider)?.StageTypes.ToList() ?? [];
        var offered = families.Select(f => f.Family).Order(StringComparer.Ordinal).ToList();
        if (!offered.SequenceEqual(manifest.Families.Order(StringComparer.Ordinal)))
        {
            throw new InvalidDataException($"{PluginManifest.FileName} declares families [{string.Join(", ", manifest.Families)}] but the plugin offers [{string.Join(", ", offered)}]");
        }

        return (families, stageTypes);
    }

    private void RetireLocked(LoadedPlugin plugin)
    {
        plugin.Retire();
        unloading.Add(UnloadWhenDrainedAsync(plugin));
    }

    private async Task UnloadWhenDrainedAsync(LoadedPlugin plugin)
    {
        await plugin.Drained.ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var weak = UnloadContext(plugin);
        var collected = await WaitForCollectionAsync(weak, options.UnloadTimeout).ConfigureAwait(false);
        var report = new PluginUnloadReport(plugin.Manifest.Id, plugin.Manifest.Version, collected, stopwatch.Elapsed);
        if (collected)
        {
            PluginFolders.TryDelete(plugin.ShadowFolder);
            logger.LogInformation("Unloaded plugin {Id} {Version}; context collected after {Elapsed}", report.Id, report.Version, report.Waited);
        }
        else
        {
            logger.LogWarning("Plugin {Id} {Version} was unloaded but its context is still alive after {Elapsed} (something still references it)", report.Id, report.Version, report.Waited);
        }

        lock (gate)
        {
            unloads.Add(report);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference UnloadContext(LoadedPlugin plugin)
    {
        var loader = plugin.Detach();
        var weak = new WeakReference(loader?.LoadContext);
        loader?.Dispose();
        return weak;
    }

    private static async Task<bool> WaitForCollectionAsync(WeakReference weak, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (weak.IsAlive)
        {
            if (deadline.Elapsed > timeout)
            {
                return false;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!weak.IsAlive)
            {
                break;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            foreach (var plugin in current.Values)
            {
                RetireLocked(plugin);
            }

            current.Clear();
        }

        await UnloadsSettled().ConfigureAwait(false);
        PluginFolders.TryDelete(shadowRoot);
    }
}

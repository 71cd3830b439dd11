using McMaster.NETCore.Plugins;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// One loaded version of a plugin. Runs hold leases on it; once it is retired (replaced or removed) and the last
/// lease ends, <see cref="Drained"/> completes and the catalog unloads its context.
/// </summary>
public sealed class LoadedPlugin
{
    private readonly object gate = new();
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int leases;
    private bool retired;

    internal LoadedPlugin(PluginManifest manifest, string folder, string shadowFolder, string fingerprint, PluginLoader loader,
        IReadOnlyList<ITokenizerFamily> families, IReadOnlyList<IStageType> stageTypes)
    {
        Manifest = manifest;
        Folder = folder;
        ShadowFolder = shadowFolder;
        Fingerprint = fingerprint;
        Loader = loader;
        Families = families;
        StageTypes = stageTypes;
    }

    public PluginManifest Manifest { get; }

    public string Folder { get; }

    public string ShadowFolder { get; }

    internal string Fingerprint { get; }

    internal PluginLoader? Loader { get; private set; }

    public IReadOnlyList<ITokenizerFamily> Families { get; private set; }

    public IReadOnlyList<IStageType> StageTypes { get; private set; }

    public int Leases => Volatile.Read(ref leases);

    internal Task Drained => drained.Task;

    internal IDisposable Lease()
    {
        lock (gate)
        {
            if (retired && leases == 0)
            {
                throw new InvalidOperationException($"plugin {Manifest.Id} {Manifest.Version} is already unloading");
            }

            leases++;
            return new PluginLease(this);
        }
    }

    internal void Retire()
    {
        lock (gate)
        {
            retired = true;
            if (leases == 0)
            {
                drained.TrySetResult();
            }
        }
    }

    /// <summary>Drops every reference into the plugin's context and returns its loader (for unloading).</summary>
    internal PluginLoader? Detach()
    {
        var loader = Loader;
        Loader = null;
        Families = [];
        StageTypes = [];
        return loader;
    }

    private void Release()
    {
        lock (gate)
        {
            leases--;
            if (retired && leases == 0)
            {
                drained.TrySetResult();
            }
        }
    }

    private sealed class PluginLease(LoadedPlugin plugin) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                plugin.Release();
            }
        }
    }
}

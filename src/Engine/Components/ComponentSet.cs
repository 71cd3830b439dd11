using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>
/// The stage types and tokenizer families one pipeline run uses, fixed when the run starts. Disposing it
/// releases the run's hold on the plugins they came from (so a replaced plugin can unload once its runs end).
/// </summary>
public sealed class ComponentSet : IDisposable
{
    private readonly IReadOnlyList<IDisposable> leases;
    private int disposed;

    public ComponentSet(IReadOnlyDictionary<string, IStageType> stageTypes, IReadOnlyDictionary<string, ITokenizerFamily> families, IReadOnlyList<IDisposable>? leases = null)
    {
        StageTypes = stageTypes;
        Families = families;
        this.leases = leases ?? [];
    }

    /// <summary>The built-in stage types with <paramref name="families"/> (tests and embedding, without plugin folders).</summary>
    public static ComponentSet Builtin(params ITokenizerFamily[] families) =>
        new(Stages.BuiltinStageTypes.All.ToDictionary(s => s.Name, StringComparer.Ordinal), families.ToDictionary(f => f.Family, StringComparer.Ordinal));

    public IReadOnlyDictionary<string, IStageType> StageTypes { get; }

    public IReadOnlyDictionary<string, ITokenizerFamily> Families { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }
}

/// <summary>Hands out the components current at the time of the call (new runs see new plugin versions).</summary>
public interface IComponentCatalog
{
    ComponentSet Acquire();
}

using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>What every stage of one shard run shares.</summary>
public sealed class RunContext
{
    public RunContext(RunConfiguration configuration, DatasetLayout layout, ShardSpec shard, LedgerState priorState, ILatentStore store)
    {
        Configuration = configuration;
        Layout = layout;
        Shard = shard;
        PriorState = priorState;
        Store = store;
    }

    public RunConfiguration Configuration { get; }

    public PrecomputeOptions Options => Configuration.Options;

    public TokenizerCard Card => Configuration.Card;

    public DatasetLayout Layout { get; }

    public ShardSpec Shard { get; }

    /// <summary>The ledger as it stood when the run began.</summary>
    public LedgerState PriorState { get; }

    public ILatentStore Store { get; }

    /// <summary>True when the item needs no work: its output is complete, or an earlier run quarantined it.</summary>
    public bool IsSettled(string itemId, out bool quarantined)
    {
        quarantined = PriorState.QuarantinedItems.ContainsKey(itemId) && !Store.IsComplete(itemId);
        return quarantined || Store.IsComplete(itemId);
    }
}

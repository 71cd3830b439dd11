namespace VideoPipe.Precompute;

/// <summary>The state a set of ledger records adds up to: the latest word on every item and source.</summary>
public sealed class LedgerState
{
    private readonly Dictionary<string, LedgerRecord> done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerRecord> quarantinedItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerRecord> quarantinedSources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerRecord> sourcesDone = new(StringComparer.Ordinal);
    private readonly List<LedgerRecord> runs = [];

    public static LedgerState From(IEnumerable<LedgerRecord> records)
    {
        var state = new LedgerState();
        foreach (var record in records)
        {
            state.Apply(record);
        }

        return state;
    }

    public IReadOnlyDictionary<string, LedgerRecord> Done => done;

    public IReadOnlyDictionary<string, LedgerRecord> QuarantinedItems => quarantinedItems;

    /// <summary>Sources given up as a whole (unreadable files), by source key.</summary>
    public IReadOnlyDictionary<string, LedgerRecord> QuarantinedSources => quarantinedSources;

    public IReadOnlyDictionary<string, LedgerRecord> SourcesDone => sourcesDone;

    public int FailedAttempts { get; private set; }

    public LedgerRecord? LastStart { get; private set; }

    public LedgerRecord? Completion { get; private set; }

    /// <summary>started / stopped / completed records in order (one run is a started plus what follows).</summary>
    public IReadOnlyList<LedgerRecord> Runs => runs;

    public bool IsComplete => Completion is not null;

    public void Apply(LedgerRecord record)
    {
        switch (record.Event)
        {
            case LedgerEvent.Done when record.Item is { } id:
                done[id] = record;
                quarantinedItems.Remove(id);
                break;
            case LedgerEvent.Quarantined when record.Item is { } id:
                quarantinedItems[id] = record;
                break;
            case LedgerEvent.Quarantined when record.Source is { } source:
                quarantinedSources[source] = record;
                break;
            case LedgerEvent.Failed:
                FailedAttempts++;
                break;
            case LedgerEvent.SourceDone when record.Source is { } source:
                sourcesDone[source] = record;
                quarantinedSources.Remove(source);
                break;
            case LedgerEvent.Started:
                LastStart = record;
                Completion = null;
                runs.Add(record);
                break;
            case LedgerEvent.Completed:
                Completion = record;
                runs.Add(record);
                break;
            case LedgerEvent.Stopped:
                runs.Add(record);
                break;
        }
    }
}

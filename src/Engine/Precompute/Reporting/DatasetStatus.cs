using System.Globalization;
using System.Text;

namespace VideoPipe.Precompute;

/// <summary>Per-shard progress of one config, read from the ledgers alone (safe while shards are running).</summary>
public sealed record ShardStatus(ShardSpec Shard, int Sources, int SourcesFinished, int Done, int Quarantined, int FailedAttempts, bool Complete, double? ClipsPerSecond, TimeSpan? Remaining, int Runs);

public sealed record DatasetStatusReport(DatasetConfig Config, IReadOnlyList<ShardStatus> Shards, IReadOnlyList<(string Reason, int Count)> TopReasons)
{
    /// <summary>Latents per aspect-ratio bucket (empty without --buckets).</summary>
    public IReadOnlyList<(string Bucket, int Count)> Buckets { get; init; } = [];

    public int Done => Shards.Sum(s => s.Done);

    public int Quarantined => Shards.Sum(s => s.Quarantined);

    public string Render()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"config {Config.ShortFingerprint} ({(Config.Format == OutputFormat.WebDataset ? "wds" : "safetensors")})");
        text.AppendLine("shard            sources       done  quarantined  failed  clips/s   ETA         state");
        foreach (var shard in Shards)
        {
            var rate = shard.ClipsPerSecond is { } r ? r.ToString("0.00", inv) : "-";
            var eta = shard.Complete ? "-" : shard.Remaining is { } left ? left.ToString(@"d\.hh\:mm\:ss", inv) : "?";
            var state = shard.Complete ? "complete" : shard.Runs == 0 ? "not started" : "incomplete";
            text.AppendLine(inv, $"{shard.Shard.Name,-16} {shard.SourcesFinished,6}/{shard.Sources,-6} {shard.Done,6}  {shard.Quarantined,11}  {shard.FailedAttempts,6}  {rate,7}   {eta,-11} {state}");
        }

        var complete = Shards.Count(s => s.Complete);
        var throughput = Shards.Where(s => !s.Complete && s.ClipsPerSecond is not null).Sum(s => s.ClipsPerSecond!.Value);
        text.AppendLine(inv, $"total: {Done} latents, {Quarantined} quarantined, {complete}/{Shards.Count} shard ledgers complete, {throughput:0.00} clips/s across running shards");
        if (Buckets.Count > 0)
        {
            text.AppendLine("latents per bucket:");
            foreach (var (bucket, count) in Buckets)
            {
                text.AppendLine(inv, $"  {count,5}  {bucket}");
            }
        }

        if (TopReasons.Count > 0)
        {
            text.AppendLine("quarantine reasons:");
            foreach (var (reason, count) in TopReasons)
            {
                text.AppendLine(inv, $"  {count,5}  {reason}");
            }
        }

        return text.ToString();
    }
}

/// <summary>`precompute status`: counts, failures, throughput and ETA per shard.</summary>
public static class DatasetStatus
{
    public static DatasetStatusReport Read(string root, string? fingerprintPrefix)
    {
        var config = DatasetConfig.Select(root, fingerprintPrefix);
        var layout = new DatasetLayout(root, config.ShortFingerprint);
        var ledgers = ShardLedgerFile.FindAll(layout.LedgerDirectory);
        var shards = ledgers.Select(Summarise).ToList();
        var reasons = ledgers
            .SelectMany(l => l.State.QuarantinedItems.Values.Where(r => !l.State.Done.ContainsKey(r.Item!)).Concat(l.State.QuarantinedSources.Values))
            .GroupBy(r => Shorten(r.Reason ?? "?"))
            .Select(g => (g.Key, g.Count()))
            .OrderByDescending(p => p.Item2).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(10)
            .ToList();
        var buckets = ledgers
            .SelectMany(l => l.State.Done.Values)
            .Where(r => r.Bucket is not null)
            .GroupBy(r => r.Bucket!, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count()))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();
        return new DatasetStatusReport(config, shards, reasons) { Buckets = buckets };
    }

    private static ShardStatus Summarise(ShardLedgerFile ledger)
    {
        var state = ledger.State;
        var sources = state.LastStart?.Sources ?? 0;
        var finished = state.SourcesDone.Count + state.QuarantinedSources.Keys.Count(k => !state.SourcesDone.ContainsKey(k));
        var quarantined = state.QuarantinedItems.Keys.Count(id => !state.Done.ContainsKey(id)) + state.QuarantinedSources.Count;

        // Pace of the latest run: items it finished over the time it has been running.
        double? rate = null;
        TimeSpan? remaining = null;
        var lastStartIndex = ledger.Records.ToList().FindLastIndex(r => r.Event == LedgerEvent.Started);
        if (lastStartIndex >= 0)
        {
            var run = ledger.Records.Skip(lastStartIndex).ToList();
            var span = (run[^1].Time - run[0].Time).TotalSeconds;
            var doneInRun = run.Count(r => r.Event == LedgerEvent.Done && r.Recovered != true);
            var sourcesInRun = run.Count(r => r.Event == LedgerEvent.SourceDone || (r.Event == LedgerEvent.Quarantined && r.Item is null));
            if (span > 0 && doneInRun > 0)
            {
                rate = doneInRun / span;
            }

            if (span > 0 && sourcesInRun > 0)
            {
                remaining = TimeSpan.FromSeconds(span / sourcesInRun * Math.Max(0, sources - finished));
            }
        }

        return new ShardStatus(ledger.Shard, sources, finished, state.Done.Count, quarantined, state.FailedAttempts, state.IsComplete, rate, remaining, state.Runs.Count(r => r.Event == LedgerEvent.Started));
    }

    private static string Shorten(string reason)
    {
        var line = reason.Split('\n')[0].Trim();
        return line.Length > 120 ? line[..117] + "..." : line;
    }
}

namespace VideoPipe.Precompute;

/// <summary>How a pipeline's dataset shard run ended: its config fingerprint and the summary its ledger recorded.</summary>
public sealed record DatasetOutcome(string Name, string Fingerprint, bool Completed, string Summary);

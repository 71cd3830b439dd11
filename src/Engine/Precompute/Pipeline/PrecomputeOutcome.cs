namespace VideoPipe.Precompute;

public sealed record PrecomputeOutcome(int ExitCode, string Summary, string Fingerprint);

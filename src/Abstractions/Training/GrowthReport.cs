namespace VideoPipe.Abstractions;

/// <summary>What a growth did: the state-dict keys loaded from the smaller model and those the growth initialized.</summary>
public sealed record GrowthReport(IReadOnlyList<string> Loaded, IReadOnlyList<string> Initialized);

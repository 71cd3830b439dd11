namespace VideoPipe.Engine.Stages;

/// <summary>One row of a work list before ids are assigned.</summary>
internal sealed record WorkListEntry(string Path, double? Start, double? End, string? Id);

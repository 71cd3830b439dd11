namespace VideoPipe.Engine.Stages;

/// <summary>One row of a work list before ids are assigned.</summary>
internal sealed record WorkListEntry(string Path, double? Start, double? End, string? Id)
{
    /// <summary>The path as the work list names it (item ids derive from it, so moving the files keeps them).</summary>
    public string Key { get; init; } = Path;
}

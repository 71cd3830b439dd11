namespace VideoPipe.Torch;

/// <summary>A strict state-dict load found missing, unexpected or mis-shaped keys; all are listed at once.</summary>
public sealed class StateDictMismatchException : Exception
{
    public StateDictMismatchException(string modelName, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
        : base(Describe(modelName, missing, unexpected, misShaped))
    {
        Missing = missing;
        Unexpected = unexpected;
        MisShaped = misShaped;
    }

    public IReadOnlyList<string> Missing { get; }

    public IReadOnlyList<string> Unexpected { get; }

    public IReadOnlyList<string> MisShaped { get; }

    private static string Describe(string model, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misShaped)
    {
        var parts = new List<string> { $"state dict does not match {model}:" };
        if (missing.Count > 0)
        {
            parts.Add($"  missing ({missing.Count}): {string.Join(", ", missing)}");
        }

        if (unexpected.Count > 0)
        {
            parts.Add($"  unexpected ({unexpected.Count}): {string.Join(", ", unexpected)}");
        }

        if (misShaped.Count > 0)
        {
            parts.Add($"  wrong shape ({misShaped.Count}): {string.Join(", ", misShaped)}");
        }

        return string.Join(Environment.NewLine, parts);
    }
}

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// Tensors of a state dict keyed by parameter name, plus what was left out: entries of the chosen dictionary that
/// are not tensors (step counters, loss values, nested objects) are listed in <see cref="SkippedKeys"/>.
/// Disposing it disposes every tensor it still holds.
/// </summary>
public sealed class LoadedStateDict : Dictionary<string, Tensor>, IDisposable
{
    internal LoadedStateDict(CheckpointFormat format, string? selectedKey, IReadOnlyList<string> skippedKeys)
        : base(StringComparer.Ordinal)
    {
        Format = format;
        SelectedKey = selectedKey;
        SkippedKeys = skippedKeys;
    }

    public CheckpointFormat Format { get; }

    /// <summary>The key path that led to the state dict inside the checkpoint (<c>null</c> when it was the root).</summary>
    public string? SelectedKey { get; }

    /// <summary>Keys (after prefix stripping) whose values were not tensors and so were not returned.</summary>
    public IReadOnlyList<string> SkippedKeys { get; }

    public void Dispose()
    {
        foreach (var tensor in Values)
        {
            tensor.Dispose();
        }

        Clear();
    }
}

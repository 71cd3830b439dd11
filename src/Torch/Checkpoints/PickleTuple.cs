namespace VideoPipe.Torch.Checkpoints;

/// <summary>An unpickled Python tuple: an immutable list that compares (and hashes) by its items.</summary>
public sealed class PickleTuple : IReadOnlyList<object?>, IEquatable<PickleTuple>
{
    private readonly object?[] items;

    public PickleTuple(params object?[] items) => this.items = items;

    public static PickleTuple Empty { get; } = new();

    public int Count => items.Length;

    public object? this[int index] => items[index];

    /// <summary>Replaces an item while the unpickled tree is being materialised (tensor descriptors become tensors).</summary>
    internal void Replace(int index, object? value) => items[index] = value;

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(PickleTuple? other) =>
        other is not null && items.Length == other.items.Length && items.Zip(other.items).All(pair => Equals(pair.First, pair.Second));

    public override bool Equals(object? obj) => obj is PickleTuple other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => "(" + string.Join(", ", items.Select(i => i?.ToString() ?? "None")) + (items.Length == 1 ? ",)" : ")");
}

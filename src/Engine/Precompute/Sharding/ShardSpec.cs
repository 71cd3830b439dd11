using System.Globalization;

namespace VideoPipe.Precompute;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>. Work-list position p belongs to shard p mod Count: a pure
/// function of (index, count), so every position lands in exactly one shard and none is padded or repeated.
/// </summary>
public sealed record ShardSpec
{
    public static readonly ShardSpec Single = new(0, 1);

    public ShardSpec(int index, int count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "shard count must be at least 1");
        }

        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"shard index must be in 0..{count - 1}");
        }

        Index = index;
        Count = count;
    }

    public int Index { get; }

    public int Count { get; }

    /// <summary>"00003-of-00008": the shard's name in ledger and archive file names (sorts correctly).</summary>
    public string Name => $"{Index.ToString("D5", CultureInfo.InvariantCulture)}-of-{Count.ToString("D5", CultureInfo.InvariantCulture)}";

    public bool Owns(long position) => position % Count == Index;

    /// <summary>Parses "i/N" (0-based index).</summary>
    public static ShardSpec Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0
            || !int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FormatException($"shard '{text}' must look like i/N with 0 <= i < N (e.g. 3/8)");
        }

        try
        {
            return new ShardSpec(index, count);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException($"shard '{text}': {ex.Message.Split(Environment.NewLine)[0]}", ex);
        }
    }

    public override string ToString() => $"{Index}/{Count}";
}

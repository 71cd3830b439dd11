using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipe.Engine;

/// <summary>
/// The one item id of every job: SHA-256 over the source key (the path as the work list names it), the source's
/// content hash and the clip's range, as 32 hex characters. The same file under the same key always gives the
/// same ids, in every shard, every run and every job; a clip is cut either by sampled frames (precompute's
/// windows) or by seconds (a pipeline's start/end), and the two never collide.
/// </summary>
public static class ItemId
{
    /// <summary>Content hash used for a source that is not a readable file (missing, or standard input).</summary>
    public const string UnreadableContent = "unreadable";

    /// <summary>A clip of sampled frames [start, start + frames).</summary>
    public static string ForFrames(string sourceKey, string contentSha256, long startFrame, int frames) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"{startFrame}\n{frames}"), sourceKey, contentSha256);

    /// <summary>A clip between two times in seconds (null: the stream's start or end).</summary>
    public static string ForSeconds(string sourceKey, string contentSha256, double? start, double? end) =>
        Hash(string.Create(CultureInfo.InvariantCulture, $"seconds\n{start:R}\n{end:R}"), sourceKey, contentSha256);

    /// <summary>A whole source listed without reading it (a dataset's sources; their clips get ids from their content).</summary>
    public static string ForUnreadSource(string sourceKey) => Hash("source", sourceKey, "unread");

    /// <summary>The seed a sampled posterior uses for one item: independent of order, shard and restarts.</summary>
    public static ulong SampleSeed(ulong baseSeed, string itemId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{baseSeed}\n{itemId}")));
        return BitConverter.ToUInt64(bytes, 0) & long.MaxValue;
    }

    /// <summary>Makes a user-given id safe as a file name.</summary>
    public static string Sanitize(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "item" : new string(chars);
    }

    private static string Hash(string range, string sourceKey, string contentSha256)
    {
        var text = $"videopipe.item.v1\n{sourceKey}\n{contentSha256}\n{range}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}

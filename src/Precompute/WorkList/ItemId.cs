using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipe.Precompute;

/// <summary>
/// A clip's identity: SHA-256 over the source key, the source's content hash and the clip window, as 32 hex
/// characters. The same file under the same key always gives the same ids, in every shard and every run.
/// </summary>
public static class ItemId
{
    public static string For(string sourceKey, string contentSha256, ClipWindow window)
    {
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"videopipe.item.v1\n{sourceKey}\n{contentSha256}\n{window.Start}\n{window.Frames}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>The seed a sampled posterior uses for one item: independent of order, shard and restarts.</summary>
    public static ulong SampleSeed(ulong baseSeed, string itemId)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{baseSeed}\n{itemId}")));
        return BitConverter.ToUInt64(bytes, 0) & long.MaxValue;
    }
}

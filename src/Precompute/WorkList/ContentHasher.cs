using System.Security.Cryptography;

namespace VideoPipe.Precompute;

/// <summary>SHA-256 of a file's bytes (streamed), the "content hash" of item ids and output metadata.</summary>
public static class ContentHasher
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }
}

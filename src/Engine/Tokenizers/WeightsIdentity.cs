using System.Security.Cryptography;
using System.Text;

namespace VideoPipe.Engine;

/// <summary>
/// What latent metadata records as <c>weights_sha256</c>: the SHA-256 of a weights file, or of every file of a
/// weights folder (relative names and content hashes, in order), or <c>random-seed-N</c> for random weights.
/// </summary>
public static class WeightsIdentity
{
    public static async Task<string> OfAsync(string? weightsPath, ulong? randomWeightsSeed, CancellationToken cancellationToken)
    {
        if (weightsPath is null)
        {
            return randomWeightsSeed is { } seed
                ? $"random-seed-{seed}"
                : throw new ArgumentException("--weights is required (or --random-weights-seed for benchmarks and tests)");
        }

        if (File.Exists(weightsPath))
        {
            return await ContentHasher.Sha256Async(weightsPath, cancellationToken);
        }

        if (!Directory.Exists(weightsPath))
        {
            throw new FileNotFoundException($"weights '{weightsPath}' do not exist", weightsPath);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(weightsPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(weightsPath, file).Replace('\\', '/') + "\n"));
            hash.AppendData(Convert.FromHexString(await ContentHasher.Sha256Async(file, cancellationToken)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

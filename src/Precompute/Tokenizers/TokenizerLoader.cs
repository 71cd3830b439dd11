using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>Finds the family for --tokenizer (a preset or a family id), builds the tokenizer and hashes its weights.</summary>
public static class TokenizerLoader
{
    public static async Task<LoadedTokenizer> LoadAsync(PrecomputeOptions options, ITokenizerFamilySource families, IDeviceContext device, CancellationToken cancellationToken)
    {
        var (family, preset) = Find(options.Tokenizer, families);
        string? configJson = null;
        JsonElement? config = null;
        if (options.TokenizerConfigPath is { } configPath)
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(configPath, cancellationToken));
            var root = document.RootElement;
            // A golden case.json holds the config under "config"; a plain config file is the object itself.
            var element = root.TryGetProperty("config", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            config = element.Clone();
            configJson = element.GetRawText();
        }

        if (options.WeightsPath is null && options.RandomWeightsSeed is null)
        {
            throw new ArgumentException("--weights is required (or --random-weights-seed for benchmarks)");
        }

        var weightsIdentity = options.WeightsPath is { } weights
            ? await HashWeightsAsync(weights, cancellationToken)
            : $"random-seed-{options.RandomWeightsSeed}";
        var tokenizer = family.Create(new TokenizerRequest
        {
            Preset = preset,
            Config = config,
            WeightsPath = options.WeightsPath is null ? null : Path.GetFullPath(options.WeightsPath),
            RandomWeightsSeed = options.RandomWeightsSeed,
            DeviceContext = device,
            DType = options.ModelDType,
        });
        return new LoadedTokenizer(tokenizer, configJson, weightsIdentity);
    }

    public static (ITokenizerFamily Family, string? Preset) Find(string name, ITokenizerFamilySource source)
    {
        foreach (var family in source.Families)
        {
            if (family.Presets.Contains(name, StringComparer.Ordinal))
            {
                return (family, name);
            }
        }

        foreach (var family in source.Families)
        {
            if (string.Equals(family.Family, name, StringComparison.Ordinal))
            {
                return (family, family.Presets.FirstOrDefault());
            }
        }

        var known = source.Families.Select(f => $"{f.Family} (presets: {string.Join(", ", f.Presets)})");
        throw new ArgumentException($"no tokenizer family or preset named '{name}'; loaded: {(source.Families.Count == 0 ? "none (check --plugins)" : string.Join("; ", known))}");
    }

    /// <summary>SHA-256 of a weights file, or of every file of a weights folder (relative names and bytes, in order).</summary>
    public static async Task<string> HashWeightsAsync(string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return await ContentHasher.Sha256Async(path, cancellationToken);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"weights '{path}' do not exist", path);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(path, file).Replace('\\', '/') + "\n"));
            hash.AppendData(Convert.FromHexString(await ContentHasher.Sha256Async(file, cancellationToken)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

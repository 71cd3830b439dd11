using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>Finds the family for --tokenizer (a preset or a family id), builds the tokenizer and identifies its weights.</summary>
public static class TokenizerLoader
{
    public static async Task<LoadedTokenizer> LoadAsync(PrecomputeOptions options, ITokenizerFamilySource families, IDeviceContext device, CancellationToken cancellationToken)
    {
        var (family, preset) = TokenizerLookup.Find(options.Tokenizer, families.Families);
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

        var weightsIdentity = await WeightsIdentity.OfAsync(options.WeightsPath, options.RandomWeightsSeed, cancellationToken);
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
}

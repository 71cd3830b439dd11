using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// The tokenizers one run uses, built once per (name, device, dtype) so encode and decode stages share a model.
/// Disposed with the run.
/// </summary>
internal sealed class TokenizerPool(PipelineDefinition pipeline, ComponentSet components) : IDisposable
{
    private readonly Dictionary<(string Name, Device Device, DType DType), ITokenizer> built = new();

    public ITokenizer Get(string name, IDeviceContext deviceContext, DType dtype)
    {
        var key = (name, deviceContext.Device, dtype);
        if (built.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var definition = pipeline.Tokenizers[name];
        var family = components.Families[definition.Family];
        var (config, weights) = Sources(definition);
        var tokenizer = family.Create(new TokenizerRequest
        {
            Preset = definition.Preset,
            Config = config,
            WeightsPath = weights,
            RandomWeightsSeed = definition.RandomWeightsSeed,
            DeviceContext = deviceContext,
            DType = dtype,
        });
        built[key] = tokenizer;
        return tokenizer;
    }

    /// <summary>What identifies the tokenizer's outputs: its config as JSON text (null: the preset's) and its weights' identity.</summary>
    public async Task<(string? ConfigJson, string WeightsIdentity)> IdentifyAsync(string name, CancellationToken cancellationToken)
    {
        var definition = pipeline.Tokenizers[name];
        var (config, weights) = Sources(definition);
        return (config?.GetRawText(), await WeightsIdentity.OfAsync(weights, definition.RandomWeightsSeed, cancellationToken));
    }

    /// <summary>The config and weights file a definition resolves to (no weights and no seed: the preset's shipped model, which the validator checked).</summary>
    private (JsonElement? Config, string? WeightsPath) Sources(TokenizerDefinition definition)
    {
        var shipped = definition.Weights is null && definition.RandomWeightsSeed is null ? ShippedModels.ForPreset(definition.Family, definition.Preset) : null;
        return (definition.Config ?? LoadConfig(definition.ConfigPath) ?? LoadConfig(shipped?.ConfigPath),
            definition.Weights is null ? shipped?.WeightsPath : Path.GetFullPath(definition.Weights, pipeline.BaseDirectory));
    }

    /// <summary>A config file is either the bare config object or a case.json holding one under "config".</summary>
    private JsonElement? LoadConfig(string? path)
    {
        if (path is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(Path.GetFullPath(path, pipeline.BaseDirectory)));
        var root = document.RootElement;
        return (root.TryGetProperty("config", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root).Clone();
    }

    public void Dispose()
    {
        foreach (var tokenizer in built.Values)
        {
            tokenizer.Dispose();
        }

        built.Clear();
    }
}

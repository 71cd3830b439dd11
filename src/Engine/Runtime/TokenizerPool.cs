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
        // No weights and no seed: the preset names a shipped model (the validator checked it).
        var shipped = definition.Weights is null && definition.RandomWeightsSeed is null ? ShippedModels.ForPreset(definition.Family, definition.Preset) : null;
        var tokenizer = family.Create(new TokenizerRequest
        {
            Preset = definition.Preset,
            Config = definition.Config ?? LoadConfig(definition.ConfigPath) ?? LoadConfig(shipped?.ConfigPath),
            WeightsPath = definition.Weights is null ? shipped?.WeightsPath : Path.GetFullPath(definition.Weights, pipeline.BaseDirectory),
            RandomWeightsSeed = definition.RandomWeightsSeed,
            DeviceContext = deviceContext,
            DType = dtype,
        });
        built[key] = tokenizer;
        return tokenizer;
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

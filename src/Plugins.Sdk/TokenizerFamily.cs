using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The family base: one rule for what a request builds and one error vocabulary. The architecture comes from the
/// request's config, else the config.json beside its weights, else its preset, else the family's default preset;
/// the weights from the request's state dict, its checkpoint file, or its random seed (<see cref="Randomize"/>).
/// The request's dtype must be one the card declares (<see cref="TokenizerCard.SupportedDTypes"/>: the family's dtype
/// policy); the model then takes it and the device, and is disposed if anything fails. A family supplies its presets,
/// config parsing, card, model and tokenizer, and may declare modules kept in float32 (<see cref="KeepInFloat32"/>) and
/// adapt how a state dict loads (<see cref="LoadWeights"/>).
/// </summary>
public abstract class TokenizerFamily<TConfig, TModel> : ITokenizerFamily
    where TConfig : class
    where TModel : Module
{
    /// <summary>The family id configs and <c>--tokenizer</c> use.</summary>
    public abstract string Family { get; }

    /// <summary>The family's name in messages (e.g. "ProMAG").</summary>
    protected abstract string DisplayName { get; }

    public abstract IReadOnlyList<string> Presets { get; }

    /// <summary>The preset a request without config, weights' config.json or preset builds; null: such a request is refused.</summary>
    protected virtual string? DefaultPreset => null;

    protected abstract TConfig Preset(string name);

    /// <summary>
    /// Parses and validates a config (errors name the key). <paramref name="preset"/>: the preset the request also
    /// names, if any (a family whose upstream config carries no name may call its card's variant after it).
    /// </summary>
    protected abstract TConfig ParseConfig(JsonElement json, string? preset);

    protected abstract TokenizerCard Card(TConfig config);

    protected abstract TModel CreateModel(TConfig config);

    protected abstract ITokenizer CreateTokenizer(TModel model, TokenizerRequest request);

    /// <summary>Random weights for a seeded request (benchmarks, tests): N(0, 0.02²) unless the family knows better.</summary>
    protected virtual void Randomize(TModel model, Generator generator) => model.InitializeRandom(generator);

    /// <summary>Modules that stay in float32 whatever the model's dtype (the family's reference keeps them so).</summary>
    protected virtual IEnumerable<Module> KeepInFloat32(TModel model) => [];

    /// <summary>Loads a state dict into the model, strictly unless the family knows its checkpoints need more (e.g. key prefixes).</summary>
    protected virtual void LoadWeights(TModel model, IReadOnlyDictionary<string, Tensor> weights) => model.LoadStateDict(weights);

    /// <summary>Reads a checkpoint into a state dict the base disposes once loaded: safetensors or an allow-listed PyTorch pickle unless the family reads more.</summary>
    protected virtual Dictionary<string, Tensor> ReadCheckpoint(string path) => Checkpoint.LoadStateDict(path);

    public TokenizerCard DescribePreset(string preset) => Card(Preset(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        TorchRuntime.EnsureInitialized();
        if (request.Weights is null && request.WeightsPath is { } path && !File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"{DisplayName} checkpoint not found: {path}", path);
        }

        var config = ResolveConfig(request);
        CheckDType(request, Card(config));
        var model = CreateModel(config);
        try
        {
            LoadRequestedWeights(model, request);
            model.To(request.DType);
            foreach (var module in KeepInFloat32(model))
            {
                module.To(DType.Float32);
            }

            if (request.DeviceContext.Device.Type != DeviceType.Cpu)
            {
                model.To(request.DeviceContext.Device);
            }

            return CreateTokenizer(model, request);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Config from the request, else the config.json with the weights (the card calls it after the request's preset,
    /// else after the weights' folder), else the preset, else the default preset.
    /// </summary>
    private TConfig ResolveConfig(TokenizerRequest request)
    {
        if (request.Config is { } json)
        {
            return ParseConfig(json, request.Preset);
        }

        if (request.WeightsPath is { } weights && CheckpointConfig.Find(weights) is { } file)
        {
            return ParseConfig(CheckpointConfig.ReadFile(file), request.Preset ?? Path.GetFileName(Path.GetDirectoryName(file)));
        }

        var preset = request.Preset ?? DefaultPreset
            ?? throw new ArgumentException($"a {DisplayName} request needs a preset, a config, or weights with their config.json beside them (presets: {string.Join(", ", Presets)})");
        return Preset(preset);
    }

    /// <summary>The dtype policy: a floating-point dtype the card declares, and never float16 on the CPU (libtorch has no float16 3-D convolution there).</summary>
    private void CheckDType(TokenizerRequest request, TokenizerCard card)
    {
        if (!request.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"{DisplayName} runs in a floating-point dtype, not {request.DType.TorchName()}");
        }

        if (request.DType == DType.Float16 && request.DeviceContext.Device.Type == DeviceType.Cpu)
        {
            throw new ArgumentException($"libtorch has no float16 3-D convolution on CPU: run {DisplayName} in float32 or bfloat16 (weights are converted on load)");
        }

        if (!card.SupportedDTypes.Contains(request.DType))
        {
            throw new ArgumentException($"{DisplayName} runs in {string.Join(" or ", card.SupportedDTypes.Select(d => d.TorchName()))}, not {request.DType.TorchName()}");
        }
    }

    /// <summary>Weights strictly from the request's state dict, its checkpoint, or its random seed.</summary>
    private void LoadRequestedWeights(TModel model, TokenizerRequest request)
    {
        if (request.Weights is { } weights)
        {
            LoadWeights(model, weights);
        }
        else if (request.WeightsPath is { } path)
        {
            var loaded = ReadCheckpoint(path);
            try
            {
                LoadWeights(model, loaded);
            }
            finally
            {
                foreach (var tensor in loaded.Values)
                {
                    tensor.Dispose();
                }
            }
        }
        else if (request.RandomWeightsSeed is { } seed)
        {
            using var generator = new Generator(seed);
            Randomize(model, generator);
        }
        else
        {
            throw new ArgumentException($"a {DisplayName} request needs Weights, WeightsPath or RandomWeightsSeed");
        }
    }
}

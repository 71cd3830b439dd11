using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

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

    public TokenizerCard DescribePreset(string preset) => Card(Preset(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        if (request.Weights is null && request.WeightsPath is { } path && !File.Exists(path))
        {
            throw new FileNotFoundException($"{DisplayName} checkpoint not found: {path}", path);
        }

        var config = ResolveConfig(request);
        RequestedWeights.CheckDType(request, DisplayName);
        if (Card(config).SupportedDTypes is { } dtypes && !dtypes.Contains(request.DType))
        {
            throw new ArgumentException($"{DisplayName} runs in {string.Join(" or ", dtypes.Select(d => d.TorchName()))}, not {request.DType.TorchName()}");
        }

        var model = CreateModel(config);
        try
        {
            RequestedWeights.Load(model, request, DisplayName, seed =>
            {
                using var generator = new Generator(seed);
                Randomize(model, generator);
            }, weights => LoadWeights(model, weights));
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

    /// <summary>Families ported from an upstream implementation run its golden cases here.</summary>
    public virtual Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        throw new NotSupportedException($"{DisplayName} has no public reference implementation, so there are no golden parity cases");

    private TConfig ResolveConfig(TokenizerRequest request)
    {
        if ((request.Config ?? CheckpointConfig.Read(request.WeightsPath)) is { } json)
        {
            return ParseConfig(json, request.Preset);
        }

        var preset = request.Preset ?? DefaultPreset
            ?? throw new ArgumentException($"a {DisplayName} request needs a preset, a config, or weights with their config.json beside them (presets: {string.Join(", ", Presets)})");
        return Preset(preset);
    }
}

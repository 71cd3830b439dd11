using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The family base: one rule for what a request builds and one error vocabulary. The architecture comes from the
/// request's config, else the config.json beside its weights, else its preset, else the family's default preset;
/// the weights from the request's state dict, its checkpoint file, or its random seed (<see cref="Randomize"/>).
/// The model then takes the request's dtype (checked first) and device, and is disposed if anything fails. A family
/// supplies its presets, config parsing, card, model and tokenizer.
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

    /// <summary>Parses and validates a config (errors name the key).</summary>
    protected abstract TConfig ParseConfig(JsonElement json);

    protected abstract TokenizerCard Card(TConfig config);

    protected abstract TModel CreateModel(TConfig config);

    protected abstract ITokenizer CreateTokenizer(TModel model, TokenizerRequest request);

    /// <summary>Random weights for a seeded request (benchmarks, tests): N(0, 0.02²) unless the family knows better.</summary>
    protected virtual void Randomize(TModel model, Generator generator) => model.InitializeRandom(generator);

    public TokenizerCard DescribePreset(string preset) => Card(Preset(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        var config = ResolveConfig(request);
        RequestedWeights.CheckDType(request, DisplayName);
        var model = CreateModel(config);
        try
        {
            RequestedWeights.Load(model, request, DisplayName, seed =>
            {
                using var generator = new Generator(seed);
                Randomize(model, generator);
            });
            model.To(request.DType);
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
            return ParseConfig(json);
        }

        var preset = request.Preset ?? DefaultPreset
            ?? throw new ArgumentException($"a {DisplayName} request needs a preset, a config, or weights with their config.json beside them (presets: {string.Join(", ", Presets)})");
        return Preset(preset);
    }
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Loading;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae;

/// <summary>The "odvae" tokenizer family: OD-VAE / Open-Sora-Plan v1.2 CausalVAEModel.</summary>
public sealed class OdVaeFamily : TokenizerFamily<OdVaeConfig, OdVaeModel>, IGoldenParity
{
    public override string Family => OdVaeCard.Family;

    public override IReadOnlyList<string> Presets => OdVaePresets.Names;

    protected override string DisplayName => "OD-VAE";

    /// <summary>Requests without a config, a config.json with the weights or a preset build the released v1.2 layout.</summary>
    protected override string? DefaultPreset => OdVaePresets.V12;

    /// <summary>The family as a typed tokenizer (tests, benchmarks and training reach its moments and tiling).</summary>
    public OdVaeTokenizer CreateTokenizer(TokenizerRequest request) => (OdVaeTokenizer)Create(request);

    protected override OdVaeConfig Preset(string name) => OdVaePresets.Get(name) with { Variant = name };

    protected override OdVaeConfig ParseConfig(JsonElement json, string? preset) => OdVaeConfig.FromJson(json) with { Variant = preset ?? "custom" };

    protected override TokenizerCard Card(OdVaeConfig config) => OdVaeCard.Describe(config);

    protected override OdVaeModel CreateModel(OdVaeConfig config) => new(config);

    protected override ITokenizer CreateTokenizer(OdVaeModel model, TokenizerRequest request) =>
        new OdVaeTokenizer(model, OdVaeCard.Describe(model.Config), request.DeviceContext, request.DType);

    /// <summary>A Hugging Face-style folder, a .safetensors file or an upstream pickle (allow-listed).</summary>
    protected override Dictionary<string, Tensor> ReadCheckpoint(string path) => OdVaeCheckpoint.Load(path);

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step)
    {
        var odvae = tokenizer as OdVaeTokenizer ?? throw new ArgumentException($"expected an OD-VAE tokenizer, got {tokenizer.GetType().Name}");
        var options = OdVaeParityOptions.Parse(step.Options);
        return step.Op switch
        {
            "encode" => ParityEncode(odvae, step, options),
            "decode" => odvae.DecodeUnscaled(step.Input, options.Tiling),
            _ => throw new NotSupportedException($"OD-VAE parity: unknown op '{step.Op}' (expected encode or decode)"),
        };
    }

    private static Tensor ParityEncode(OdVaeTokenizer tokenizer, ParityStep step, OdVaeParityOptions options)
    {
        using var scope = DisposeScope.Enter();
        var moments = tokenizer.EncodeMoments(step.Input, options.Tiling);
        var result = options.Posterior switch
        {
            PosteriorMode.Mean => Posterior.Mean(moments),
            PosteriorMode.LogVar => Posterior.LogVar(moments),
            PosteriorMode.Moments => moments,
            PosteriorMode.Sample when options.NoiseReference is not null => Posterior.Sample(moments, step.Golden(options.NoiseReference)),
            PosteriorMode.Sample when options.Seed is not null => Posterior.Sample(moments, options.Seed.Value),
            PosteriorMode.Sample => throw new ArgumentException("OD-VAE parity: posterior 'sample' needs 'noise' (golden:<name>) or 'seed'"),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Posterior, "unknown posterior mode"),
        };
        var scaled = options.Scaled && options.Posterior is PosteriorMode.Mean or PosteriorMode.Sample ? LatentScale.Apply(result, tokenizer.Card.Scaling) : result;
        return scope.Keep(scaled);
    }
}

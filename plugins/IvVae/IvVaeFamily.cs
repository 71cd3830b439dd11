using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Loading;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>The IV-VAE family: presets for the four released checkpoints, or any upstream constructor config.</summary>
public sealed class IvVaeFamily : TokenizerFamily<IvVaeConfig, IvVaeModel>, IGoldenParity
{
    public const string FamilyId = "ivvae";

    public override string Family => FamilyId;

    public override IReadOnlyList<string> Presets { get; } = IvVaePresets.All.Keys.ToArray();

    protected override string DisplayName => "ivvae";

    /// <summary>The family as a typed tokenizer (tests and benchmarks reach its streams and training forward).</summary>
    public IvVaeTokenizer CreateTokenizer(TokenizerRequest request) => (IvVaeTokenizer)Create(request);

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        IvVaeParity.Run(tokenizer as IvVaeTokenizer ?? throw new ArgumentException("not an ivvae tokenizer"), step);

    protected override IvVaeConfig Preset(string name) => IvVaePresets.Get(name) with { Variant = name };

    protected override IvVaeConfig ParseConfig(JsonElement json, string? preset) => IvVaeConfig.FromJson(json) with { Variant = preset ?? "custom" };

    protected override TokenizerCard Card(IvVaeConfig config) => IvVaeCard.For(config);

    protected override IvVaeModel CreateModel(IvVaeConfig config) => new(config);

    protected override ITokenizer CreateTokenizer(IvVaeModel model, TokenizerRequest request) =>
        new IvVaeTokenizer(model, IvVaeCard.For(model.Config), request.DeviceContext, request.DType);

    protected override void Randomize(IvVaeModel model, Generator generator) => IvVaeWeights.InitializeRandom(model, generator);

    protected override void LoadWeights(IvVaeModel model, IReadOnlyDictionary<string, Tensor> weights) => IvVaeWeights.Load(model, weights);
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen;

/// <summary>The "regen" tokenizer family: REGEN encoder + generative DiT decoder (no public weights: random or our own).</summary>
public sealed class RegenFamily : TokenizerFamily<RegenConfig, RegenModel>
{
    public const string FamilyId = "regen";

    public override string Family => FamilyId;

    protected override string DisplayName => "REGEN";

    public override IReadOnlyList<string> Presets => RegenPresets.Names;

    protected override RegenConfig Preset(string name) => RegenPresets.Get(name);

    protected override RegenConfig ParseConfig(JsonElement json, string? preset) => RegenConfig.FromJson(json);

    protected override TokenizerCard Card(RegenConfig config) => RegenCard.For(config);

    protected override RegenModel CreateModel(RegenConfig config) => new(config);

    protected override ITokenizer CreateTokenizer(RegenModel model, TokenizerRequest request) => new RegenTokenizer(model, request.DeviceContext, request.DType);

    /// <summary>The model's own init (N(0, 0.02²) with the zero-initialised output layers the DiT needs).</summary>
    protected override void Randomize(RegenModel model, Generator generator) => model.Initialize(generator);
}

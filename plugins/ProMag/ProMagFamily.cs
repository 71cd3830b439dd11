using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The "promag" tokenizer family: progressively grown MAGVIT-v2-style tokenizers (no public weights: random or our own).</summary>
public sealed class ProMagFamily : TokenizerFamily<ProMagConfig, ProMagModel>
{
    public const string FamilyId = "promag";

    public override string Family => FamilyId;

    protected override string DisplayName => "ProMAG";

    public override IReadOnlyList<string> Presets => ProMagPresets.Names;

    protected override ProMagConfig Preset(string name) => ProMagPresets.Get(name);

    protected override ProMagConfig ParseConfig(JsonElement json, string? preset) => ProMagConfig.FromJson(json);

    protected override TokenizerCard Card(ProMagConfig config) => ProMagCard.For(config);

    protected override ProMagModel CreateModel(ProMagConfig config) => new(config);

    protected override void Randomize(ProMagModel model, Generator generator) => model.InitializeRandomWithNeutralModulation(generator);

    protected override ITokenizer CreateTokenizer(ProMagModel model, TokenizerRequest request) => new ProMagTokenizer(model, request.DeviceContext, request.DType);
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Loading;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The "cdt" tokenizer family: CDT-base and CDT-small or any upstream configuration.</summary>
public sealed class CdtFamily : TokenizerFamily<CdtConfig, CdtModel>, IGoldenParity
{
    public const string FamilyId = "cdt";

    public override string Family => FamilyId;

    public override IReadOnlyList<string> Presets => CdtPresets.Names;

    protected override string DisplayName => "CDT";

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        CdtParity.Run(tokenizer as CdtTokenizer ?? throw new ArgumentException("not a CDT tokenizer"), step);

    protected override CdtConfig Preset(string name) => CdtPresets.Get(name);

    protected override CdtConfig ParseConfig(JsonElement json, string? preset) => CdtConfig.FromJson(json);

    protected override TokenizerCard Card(CdtConfig config) => CdtCard.For(config);

    protected override CdtModel CreateModel(CdtConfig config) => new(config);

    protected override ITokenizer CreateTokenizer(CdtModel model, TokenizerRequest request) =>
        new CdtTokenizer(model, CdtCard.For(model.Config), request.DeviceContext, request.DType);

    protected override void Randomize(CdtModel model, Generator generator) => RandomWeights.Fill(model, generator);

    protected override IEnumerable<Module> KeepInFloat32(CdtModel model) => model.Float32Modules;
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.Template.Model;

namespace VideoPipe.Plugins.Template;

/// <summary>The "template" family: the SDK's family base does the resolution (config | config.json beside weights | preset, then weights | seed).</summary>
public sealed class TemplateFamily : TokenizerFamily<TemplateConfig, PatchAutoencoder>
{
    public const string FamilyId = "template";

    public override string Family => FamilyId;

    protected override string DisplayName => "template";

    public override IReadOnlyList<string> Presets => TemplatePresets.Names;

    protected override string DefaultPreset => TemplatePresets.Patch8;

    protected override TemplateConfig Preset(string name) => TemplatePresets.Get(name);

    protected override TemplateConfig ParseConfig(JsonElement json, string? preset) => TemplateConfig.FromJson(json);

    protected override TokenizerCard Card(TemplateConfig config) => TemplateCard.For(config);

    protected override PatchAutoencoder CreateModel(TemplateConfig config) => new(config);

    protected override ITokenizer CreateTokenizer(PatchAutoencoder model, TokenizerRequest request) => new TemplateTokenizer(model, request.DeviceContext, request.DType);
}

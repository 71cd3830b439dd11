using VideoPipe.Abstractions;
using VideoPipe.Plugins.Template.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Template;

/// <summary>The "template" family: resolves preset | config | config.json beside the weights, then weights | seed.</summary>
public sealed class TemplateFamily : ITokenizerFamily
{
    public const string FamilyId = "template";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets => TemplatePresets.Names;

    public TokenizerCard DescribePreset(string preset) => TemplateCard.For(TemplatePresets.Get(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        var config = (request.Config ?? CheckpointConfig.Read(request.WeightsPath)) is { } json
            ? TemplateConfig.FromJson(json)
            : TemplatePresets.Get(request.Preset ?? TemplatePresets.Patch8);
        RequestedWeights.CheckDType(request, "template");
        var model = new PatchAutoencoder(config);
        return RequestedWeights.Prepare(model, request, "template", seed =>
        {
            using var generator = new Generator(seed);
            DefaultInitialization.Apply([.. model.NamedParameters().Select(p => (p.Name, p.Slot.Value))], generator);
        }, m => new TemplateTokenizer(m, request.DeviceContext, request.DType));
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        throw new NotSupportedException("the template family has no upstream implementation, so there are no golden parity cases (docs/writing-a-tokenizer.md shows how to add them)");
}

using VideoPipe.Abstractions;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen;

/// <summary>The "regen" tokenizer family: REGEN encoder + generative DiT decoder (no public weights: random or our own).</summary>
public sealed class RegenFamily : ITokenizerFamily
{
    public const string FamilyId = "regen";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets => RegenPresets.Names;

    public TokenizerCard DescribePreset(string preset) => RegenCard.For(RegenPresets.Get(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        var config = request.Config is { } json
            ? RegenConfig.FromJson(json)
            : RegenPresets.Get(request.Preset ?? throw new ArgumentException("a REGEN request needs a Preset or a Config"));
        RequestedWeights.CheckDType(request, "REGEN");
        var model = new RegenModel(config);
        return RequestedWeights.Prepare(model, request, "REGEN", seed =>
        {
            using var generator = new Generator(seed);
            model.Initialize(generator);
        }, m => new RegenTokenizer(m, request.DeviceContext, request.DType));
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        throw new NotSupportedException("REGEN has no public reference implementation, so there are no golden parity cases");
}

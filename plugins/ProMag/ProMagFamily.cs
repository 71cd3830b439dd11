using VideoPipe.Abstractions;
using VideoPipe.Plugins.ProMag.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag;

/// <summary>The "promag" tokenizer family: progressively grown MAGVIT-v2-style tokenizers (no public weights: random or our own).</summary>
public sealed class ProMagFamily : ITokenizerFamily
{
    public const string FamilyId = "promag";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets => ProMagPresets.Names;

    public TokenizerCard DescribePreset(string preset) => ProMagCard.For(ProMagPresets.Get(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        var config = (request.Config ?? CheckpointConfig.Read(request.WeightsPath)) is { } json
            ? ProMagConfig.FromJson(json)
            : ProMagPresets.Get(request.Preset ?? throw new ArgumentException("a ProMAG request needs a Preset, a Config, or weights with their config.json beside them"));
        RequestedWeights.CheckDType(request, "ProMAG");
        var model = new ProMagModel(config);
        return RequestedWeights.Prepare(model, request, "ProMAG", seed =>
        {
            using var generator = new Generator(seed);
            model.InitializeRandom(generator);
        }, m => new ProMagTokenizer(m, request.DeviceContext, request.DType));
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        throw new NotSupportedException("ProMAG has no public reference implementation, so there are no golden parity cases");
}

using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Plugins.IvVae.Tokenizer;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>The IV-VAE family: presets for the four released checkpoints, or any upstream constructor config.</summary>
public sealed class IvVaeFamily : ITokenizerFamily
{
    public const string FamilyId = "ivvae";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets { get; } = IvVaePresets.All.Keys.ToArray();

    public TokenizerCard DescribePreset(string preset) => IvVaeCard.For(preset, IvVaePresets.Get(preset));

    public ITokenizer Create(TokenizerRequest request) => CreateTokenizer(request);

    public IvVaeTokenizer CreateTokenizer(TokenizerRequest request)
    {
        var (variant, config) = ResolveConfig(request);
        if (request.DType is not (DType.Float32 or DType.BFloat16))
        {
            throw new ArgumentException($"ivvae runs in float32 or bfloat16, not {request.DType.TorchName()}");
        }

        var model = new IvVaeModel(config);
        try
        {
            if (request.Weights is not null)
            {
                IvVaeWeights.Load(model, request.Weights);
            }
            else if (request.WeightsPath is not null)
            {
                IvVaeWeights.Load(model, request.WeightsPath);
            }
            else if (request.RandomWeightsSeed is { } seed)
            {
                IvVaeWeights.InitializeRandom(model, seed);
            }
            else
            {
                throw new ArgumentException("ivvae needs weights: TokenizerRequest.Weights, WeightsPath or RandomWeightsSeed");
            }

            if (request.DType != DType.Float32)
            {
                model.To(request.DType);
            }

            if (request.DeviceContext.Device != Device.Cpu)
            {
                model.To(request.DeviceContext.Device);
            }

            return new IvVaeTokenizer(model, IvVaeCard.For(variant, config), request.DeviceContext, request.DType);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static (string Variant, IvVaeConfig Config) ResolveConfig(TokenizerRequest request)
    {
        if (request.Config is { } json)
        {
            var config = IvVaeConfig.FromJson(json);
            return (request.Preset ?? "custom", config);
        }

        if (request.Preset is { } name)
        {
            return (name, IvVaePresets.Get(name));
        }

        throw new ArgumentException($"ivvae needs a preset ({string.Join(", ", IvVaePresets.All.Keys)}) or an upstream config");
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        IvVaeParity.Run(tokenizer as IvVaeTokenizer ?? throw new ArgumentException("not an ivvae tokenizer"), step);
}

using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The "cdt" tokenizer family: CDT-base and CDT-small or any upstream configuration.</summary>
public sealed class CdtFamily : ITokenizerFamily
{
    public const string FamilyId = "cdt";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets => CdtPresets.Names;

    public TokenizerCard DescribePreset(string preset) => CdtCard.For(CdtPresets.Get(preset));

    public ITokenizer Create(TokenizerRequest request)
    {
        var config = request.Config is { } json
            ? CdtConfig.FromJson(json)
            : CdtPresets.Get(request.Preset ?? throw new ArgumentException("a CDT request needs a Preset or a Config"));
        if (!request.DType.IsFloatingPoint())
        {
            throw new ArgumentException($"CDT runs in a floating-point dtype, not {request.DType.TorchName()}");
        }

        if (request.DType == DType.Float16 && request.DeviceContext.Device.Type == DeviceType.Cpu)
        {
            throw new ArgumentException("libtorch has no float16 3-D convolution on CPU: run float16 checkpoints in float32 or bfloat16 (weights are converted on load)");
        }

        var model = new CdtModel(config);
        try
        {
            LoadWeights(model, request);
            model.ConvertTo(request.DType);
            if (request.DeviceContext.Device.Type != DeviceType.Cpu)
            {
                model.To(request.DeviceContext.Device);
            }

            return new CdtTokenizer(model, CdtCard.For(config), request.DeviceContext, request.DType);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step) =>
        CdtParity.Run(tokenizer as CdtTokenizer ?? throw new ArgumentException("not a CDT tokenizer"), step);

    /// <summary>
    /// Loads weights strictly: an in-memory state dict, a safetensors file, or the released .ckpt pickle (state
    /// dict found under state_dict / module as upstream's init_from_ckpt; float16 tensors are converted on copy).
    /// </summary>
    private static void LoadWeights(CdtModel model, TokenizerRequest request)
    {
        if (request.Weights is { } weights)
        {
            model.LoadStateDict(weights);
        }
        else if (request.WeightsPath is { } path)
        {
            using var loaded = Checkpoint.LoadStateDict(path);
            model.LoadStateDict(loaded);
        }
        else if (request.RandomWeightsSeed is { } seed)
        {
            RandomWeights.Fill(model, seed);
        }
        else
        {
            throw new ArgumentException("a CDT request needs Weights, WeightsPath or RandomWeightsSeed");
        }
    }
}

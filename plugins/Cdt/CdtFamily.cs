using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Torch;

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
        RequestedWeights.CheckDType(request, "CDT");
        var model = new CdtModel(config);
        try
        {
            RequestedWeights.Load(model, request, "CDT", seed => RandomWeights.Fill(model, seed));
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
}

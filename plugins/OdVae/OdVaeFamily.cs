using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae.Loading;
using VideoPipe.Plugins.OdVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae;

/// <summary>The "odvae" tokenizer family: OD-VAE / Open-Sora-Plan v1.2 CausalVAEModel.</summary>
public sealed class OdVaeFamily : ITokenizerFamily
{
    public string Family => OdVaeCard.Family;

    public IReadOnlyList<string> Presets => OdVaePresets.Names;

    public TokenizerCard DescribePreset(string preset) => OdVaeCard.Describe(preset, OdVaePresets.Get(preset));

    ITokenizer ITokenizerFamily.Create(TokenizerRequest request) => Create(request);

    /// <summary>
    /// Architecture from <see cref="TokenizerRequest.Config"/>, else the config.json of a checkpoint folder (or one
    /// beside a checkpoint file), else the preset (default odvae-v1.2). Weights from the loaded dict, the checkpoint
    /// path or a random seed; loading is always strict.
    /// </summary>
    public OdVaeTokenizer Create(TokenizerRequest request)
    {
        TorchRuntime.EnsureInitialized();
        var (config, variant) = ResolveConfig(request);
        var model = new OdVaeModel(config);
        try
        {
            LoadWeights(model, request);
            if (request.DType != DType.Float32)
            {
                model.To(request.DType);
            }

            if (request.DeviceContext.Device != Device.Cpu)
            {
                model.To(request.DeviceContext.Device);
            }

            return new OdVaeTokenizer(model, OdVaeCard.Describe(variant, config), request.DeviceContext, request.DType);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    public Tensor RunParityStep(ITokenizer tokenizer, ParityStep step)
    {
        var odvae = tokenizer as OdVaeTokenizer ?? throw new ArgumentException($"expected an OD-VAE tokenizer, got {tokenizer.GetType().Name}");
        var options = OdVaeParityOptions.Parse(step.Options);
        return step.Op switch
        {
            "encode" => ParityEncode(odvae, step, options),
            "decode" => odvae.DecodeUnscaled(step.Input, options.Tiling),
            _ => throw new NotSupportedException($"OD-VAE parity: unknown op '{step.Op}' (expected encode or decode)"),
        };
    }

    private static Tensor ParityEncode(OdVaeTokenizer tokenizer, ParityStep step, OdVaeParityOptions options)
    {
        using var scope = DisposeScope.Enter();
        var moments = tokenizer.EncodeMoments(step.Input, options.Tiling);
        var result = options.Posterior switch
        {
            PosteriorMode.Mean => Posterior.Mean(moments),
            PosteriorMode.LogVar => Posterior.LogVar(moments),
            PosteriorMode.Moments => moments,
            PosteriorMode.Sample when options.NoiseReference is not null => Posterior.Sample(moments, step.Golden(options.NoiseReference)),
            PosteriorMode.Sample when options.Seed is not null => Posterior.Sample(moments, options.Seed.Value),
            PosteriorMode.Sample => throw new ArgumentException("OD-VAE parity: posterior 'sample' needs 'noise' (golden:<name>) or 'seed'"),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Posterior, "unknown posterior mode"),
        };
        var scaled = options.Scaled && options.Posterior is PosteriorMode.Mean or PosteriorMode.Sample ? result.Mul(OdVaeCard.ScalingFactor) : result;
        return scope.Keep(scaled);
    }

    private static (OdVaeConfig Config, string Variant) ResolveConfig(TokenizerRequest request)
    {
        if (request.Config is { } json)
        {
            return (OdVaeConfig.FromJson(json), request.Preset ?? "custom");
        }

        if (request.WeightsPath is not null && CheckpointConfig.Find(request.WeightsPath) is { } configFile)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configFile));
            return (OdVaeConfig.FromJson(doc.RootElement), request.Preset ?? Path.GetFileName(Path.GetDirectoryName(configFile)) ?? "custom");
        }

        var preset = request.Preset ?? OdVaePresets.V12;
        return (OdVaePresets.Get(preset), preset);
    }

    private static void LoadWeights(OdVaeModel model, TokenizerRequest request)
    {
        if (request.Weights is not null)
        {
            model.LoadStateDict(request.Weights, strict: true);
        }
        else if (request.WeightsPath is not null)
        {
            var weights = OdVaeCheckpoint.Load(request.WeightsPath);
            try
            {
                model.LoadStateDict(weights, strict: true);
            }
            finally
            {
                foreach (var t in weights.Values)
                {
                    t.Dispose();
                }
            }
        }
        else if (request.RandomWeightsSeed is { } seed)
        {
            using var generator = new Generator(seed);
            model.InitializeRandom(generator);
        }
        else
        {
            throw new ArgumentException("OD-VAE: the request needs Weights, WeightsPath or RandomWeightsSeed");
        }
    }
}

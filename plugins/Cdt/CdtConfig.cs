using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// The upstream ConditionedDiffusionTokenizer constructor configuration (keys as upstream names them). Missing
/// keys take the released loaders' values (load_cdt_base / load_cdt_small), not the bare constructor's.
/// </summary>
public sealed record CdtConfig
{
    public int EncFrames { get; init; } = 4;
    public int DecFrames { get; init; } = 1;
    public int SampleSteps { get; init; } = 1;
    public double SampleGamma { get; init; } = 0.8;
    public int NumTimesteps { get; init; } = 8192;
    public int OutChannels { get; init; } = 3;
    public int ContextDim { get; init; } = 64;
    public int UnetDim { get; init; } = 64;
    public bool NewUpsample { get; init; }
    public int LatentDim { get; init; } = 16;
    public IReadOnlyList<int> ContextDimMults { get; init; } = [1, 2, 3, 4];
    public IReadOnlyList<int> SpaceDown { get; init; } = [1, 1, 1, 0];
    public IReadOnlyList<int> TimeDown { get; init; } = [0, 0, 1, 1];
    public int ConditionTimes { get; init; } = 4;

    /// <summary>The latent scale upstream's load_cdt stores but never applies (metadata only).</summary>
    public double LatentScale { get; init; } = 1.3;

    /// <summary>"base", "small" or a name of the caller's choosing.</summary>
    public string Variant { get; init; } = "small";

    /// <summary>The UNet's widths are unet_dim times these (hard-coded upstream).</summary>
    public static IReadOnlyList<int> UnetDimMults { get; } = [1, 2, 3, 4, 5, 6];

    /// <summary>Upstream sets the pad mode of every causal conv from the upsampler type.</summary>
    public PadMode PadMode => NewUpsample ? PadMode.Constant : PadMode.Replicate;

    public int SpaceFactor => 1 << SpaceDown.Sum();

    public int TimeFactor => 1 << TimeDown.Sum();

    /// <summary>Unet space_down: the encoder's, padded with 1s to 5 levels, then 0 for the last.</summary>
    public IReadOnlyList<int> UnetSpaceDown =>
        [.. SpaceDown, .. Enumerable.Repeat(1, UnetDimMults.Count - SpaceDown.Count - 1), 0];

    /// <summary>Unet time_down: the encoder's, padded with 0s to 6 levels.</summary>
    public IReadOnlyList<int> UnetTimeDown =>
        [.. TimeDown, .. Enumerable.Repeat(0, UnetDimMults.Count - TimeDown.Count)];

    public static CdtConfig FromJson(JsonElement config)
    {
        if (config.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("a CDT config must be a JSON object");
        }

        var c = new CdtConfig();
        foreach (var p in config.EnumerateObject())
        {
            var v = p.Value;
            c = p.Name switch
            {
                "enc_frames" => c with { EncFrames = v.GetInt32() },
                "dec_frames" => c with { DecFrames = v.GetInt32() },
                "sample_steps" => c with { SampleSteps = v.GetInt32() },
                "sample_gamma" => c with { SampleGamma = v.GetDouble() },
                "num_timesteps" => c with { NumTimesteps = v.GetInt32() },
                "out_channels" => c with { OutChannels = v.GetInt32() },
                "context_dim" => c with { ContextDim = v.GetInt32() },
                "unet_dim" => c with { UnetDim = v.GetInt32() },
                "new_upsample" => c with { NewUpsample = v.GetBoolean() },
                "latent_dim" => c with { LatentDim = v.GetInt32() },
                "context_dim_mults" => c with { ContextDimMults = Ints(v) },
                "space_down" => c with { SpaceDown = Ints(v) },
                "time_down" => c with { TimeDown = Ints(v) },
                "condition_times" => c with { ConditionTimes = v.GetInt32() },
                "latent_scale" => c with { LatentScale = v.GetDouble() },
                "variant" => c with { Variant = v.GetString() ?? c.Variant },
                _ => c,
            };
        }

        if (!config.TryGetProperty("variant", out _))
        {
            c = c with { Variant = c.NewUpsample ? "base" : "small" };
        }

        c.Validate();
        return c;
    }

    public void Validate()
    {
        if (ContextDimMults.Count != SpaceDown.Count || ContextDimMults.Count != TimeDown.Count)
        {
            throw new ArgumentException($"context_dim_mults ({ContextDimMults.Count}), space_down ({SpaceDown.Count}) and time_down ({TimeDown.Count}) need one entry per encoder level");
        }

        if (SpaceDown.Count > UnetDimMults.Count - 1)
        {
            throw new ArgumentException($"at most {UnetDimMults.Count - 1} encoder levels fit the 6-level UNet");
        }

        if (ConditionTimes < 0 || ConditionTimes > Math.Min(ContextDimMults.Count, UnetDimMults.Count - 1))
        {
            throw new ArgumentException($"condition_times {ConditionTimes} exceeds the {ContextDimMults.Count} pyramid levels");
        }

        if (SampleSteps < 1 || NumTimesteps < 2 || EncFrames < 1 || DecFrames < 1)
        {
            throw new ArgumentException("sample_steps, enc_frames and dec_frames must be positive and num_timesteps at least 2");
        }
    }

    private static int[] Ints(JsonElement v) => v.EnumerateArray().Select(e => e.GetInt32()).ToArray();
}

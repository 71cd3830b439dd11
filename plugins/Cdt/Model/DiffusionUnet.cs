using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Model;

/// <summary>
/// Upstream's Unet (<c>model.denoise_fn</c>): 6 causal levels of width unet_dim·[1..6] with per-frame linear
/// attention and a scalar time embedding; the first condition_times levels take a pyramid level concatenated
/// after x. Predicts x0. The time MLP runs in float32 and its output is cast to the model dtype.
/// </summary>
public sealed class DiffusionUnet : Module
{
    private readonly Linear timeIn;
    private readonly Linear timeOut;
    private readonly ModuleSlots timeMlp;
    private readonly List<UnetDownLevel> downs = new();
    private readonly List<UnetUpLevel> ups = new();
    private readonly ResnetBlock midBlock1;
    private readonly AttentionResidual midAttention;
    private readonly ResnetBlock midBlock2;
    private readonly ChannelLayerNorm finalNorm;
    private readonly CausalConv3d finalConv;
    private readonly int conditionTimes;

    public DiffusionUnet(CdtConfig config)
    {
        var padMode = config.PadMode;
        long u = config.UnetDim;
        var mults = CdtConfig.UnetDimMults;
        long[] dims = [3, .. mults.Select(m => u * m)];
        long[] contextDims = [config.OutChannels, .. config.ContextDimMults.Select(m => (long)config.ContextDim * m)];
        var spaceDown = config.UnetSpaceDown;
        var timeDown = config.UnetTimeDown;
        var levels = mults.Count;
        conditionTimes = config.ConditionTimes;

        timeMlp = Child("time_mlp", new ModuleSlots());
        timeIn = timeMlp.Set(0, new Linear(1, 4 * u));
        timeOut = timeMlp.Set(2, new Linear(4 * u, u));

        var downList = Child("downs", new ModuleSlots());
        for (var i = 0; i < levels; i++)
        {
            var conditioned = i < levels - 1 && i < conditionTimes;
            downs.Add(downList.Set(i, new UnetDownLevel(
                dims[i] + (conditioned ? contextDims[i] : 0), dims[i + 1], u, largeFilter: i == 0,
                spaceDown: spaceDown[i] != 0, timeDown: timeDown[i] != 0, padMode)));
        }

        midBlock1 = Child("mid_block1", new ResnetBlock(dims[^1], dims[^1], padMode, u));
        midAttention = Child("mid_attn", new AttentionResidual(dims[^1]));
        midBlock2 = Child("mid_block2", new ResnetBlock(dims[^1], dims[^1], padMode, u));

        var upList = Child("ups", new ModuleSlots());
        for (var j = 0; j < levels - 1; j++)
        {
            // Level pairs (dims[k], dims[k+1]) for k = levels-1 down to 1; upsampling mirrors downs 4..0.
            var k = levels - 1 - j;
            ups.Add(upList.Set(j, new UnetUpLevel(dims[k + 1], dims[k], u,
                spaceUp: spaceDown[levels - 2 - j] != 0, timeUpsample: timeDown[levels - 2 - j] != 0, config)));
        }

        var final = Child("final_conv", new ModuleSlots());
        finalNorm = final.Set(0, new ChannelLayerNorm(u));
        finalConv = final.Set(1, new CausalConv3d(u, 3, [3, 7, 7], [1, 3, 3], padMode));
    }

    public IEnumerable<Module> Float32Modules => [timeMlp];

    /// <summary>time_mlp(s): Linear(1,4u) → exact GELU → Linear(4u,u), float32; <paramref name="time"/> is (B,1).</summary>
    public Tensor TimeEmbedding(Tensor time)
    {
        using var scope = DisposeScope.Enter();
        var h = timeIn.Forward(time.To(DType.Float32)).Gelu();
        return scope.Keep(timeOut.Forward(h));
    }

    /// <summary>
    /// x0 prediction for the noisy chunk <paramref name="x"/> (B,3,T,H,W) at time input <paramref name="time"/>
    /// (B,1) = timestep / num_timesteps, conditioned on <paramref name="pyramid"/> (finest first). Float32 out.
    /// </summary>
    public Tensor Forward(Tensor x, Tensor time, IReadOnlyList<Tensor> pyramid, CausalPass pass)
    {
        if (pyramid.Count < conditionTimes)
        {
            throw new ArgumentException($"the UNet needs {conditionTimes} pyramid levels, got {pyramid.Count}");
        }

        using var scope = DisposeScope.Enter();
        var dtype = finalConv.Weight.Value.DType;
        var temb = TimeEmbedding(time).To(dtype);
        var h = x.To(dtype);
        var hIsSkip = false;
        var skips = new Stack<Tensor>();
        for (var i = 0; i < downs.Count; i++)
        {
            var input = i < conditionTimes ? Tensor.Cat([h, pyramid[i]], 1) : h;
            var (skip, output) = downs[i].Forward(input, temb, pass.Cache);
            skips.Push(skip);
            if (!ReferenceEquals(input, h))
            {
                input.Dispose();
            }

            if (!hIsSkip)
            {
                h.Dispose();
            }

            h = output;
            hIsSkip = ReferenceEquals(output, skip);
        }

        // The finest skip (level 0) is never used upstream.
        var mid = midBlock1.Forward(h, pass.Cache, temb);
        if (!hIsSkip)
        {
            h.Dispose();
        }

        h = mid;
        h = EncoderLevel.Replace(h, midAttention.Forward(h));
        h = EncoderLevel.Replace(h, midBlock2.Forward(h, pass.Cache, temb));
        foreach (var up in ups)
        {
            var skip = skips.Pop();
            h = EncoderLevel.Replace(h, up.Forward(h, skip, temb, pass));
            skip.Dispose();
        }

        foreach (var unused in skips)
        {
            unused.Dispose();
        }

        h = EncoderLevel.Replace(h, finalNorm.Forward(h));
        h = EncoderLevel.Replace(h, finalConv.Forward(h, pass.Cache));
        return scope.Keep(h.To(DType.Float32));
    }
}

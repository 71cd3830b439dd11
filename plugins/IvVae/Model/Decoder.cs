using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Model;

/// <summary>
/// Upstream <c>Decoder3d</c> built as upstream's constructor does: a plain 3x3 conv, middle blocks, then per
/// stage (widths reversed) num_res_blocks+1 residual blocks (2D with attention in the first stage, 3D with
/// group length 2 in the second and 4 after), with the input width halved after every upsample, and an
/// upsample between stages (3D where the reversed temperal_downsample is true).
/// </summary>
public sealed class Decoder : Module
{
    public Decoder(IvVaeConfig config)
    {
        var mults = new[] { config.DimMult[^1] }.Concat(config.DimMult.Reverse()).ToArray();
        var dims = mults.Select(m => config.Dim * m).ToArray();
        var stages = config.Stages;
        var temporalUpsample = config.TemporalDownsample.Reverse().ToArray();
        Conv1 = Child("conv1", new MixedConv2d(config.ZDim, 2 * dims[0], 3, padding: 1));

        Middle = Child("middle", new ModuleList<Block>());
        Middle.Add(new ResBlock2D(dims[0], dims[0]));
        Middle.Add(new BranchAttention(dims[0]));
        Middle.Add(new ResBlock2D(dims[0], dims[0]));

        Upsamples = Child("upsamples", new ModuleList<Block>());
        var scale = 1.0 / Math.Pow(2, stages - 2);
        var outDim = dims[0];
        for (var i = 0; i < stages; i++)
        {
            // Every stage after the first starts from an upsample whose convs halve the branch width.
            var inDim = i == 0 ? dims[i] : dims[i] / 2;
            outDim = dims[i + 1];
            for (var r = 0; r < config.NumResBlocks + 1; r++)
            {
                Upsamples.Add(i == 0 ? new ResBlock2D(inDim, outDim) : new ResBlock3D(inDim, outDim, i == 1 ? 2 : 4));
                if (config.AttnScales.Contains(scale))
                {
                    Upsamples.Add(new BranchAttention(outDim));
                }

                if (i == 0)
                {
                    Upsamples.Add(new BranchAttention(outDim));
                }

                inDim = outDim;
            }

            if (i != stages - 1)
            {
                Upsamples.Add(new Resample(outDim, temporalUpsample[i] ? ResampleMode.Upsample3d : ResampleMode.Upsample2d));
                scale *= 2.0;
            }
        }

        var head = Child("head", new ModuleDict());
        HeadNorm = head.Add("0", new BranchRmsNorm(outDim));
        Head = head.Add("2", new KtcConv(2 * outDim, 3, 3, 3, groupLength: 4));
    }

    public MixedConv2d Conv1 { get; }

    public ModuleList<Block> Middle { get; }

    public ModuleList<Block> Upsamples { get; }

    public BranchRmsNorm HeadNorm { get; }

    public KtcConv Head { get; }

    /// <summary>One streamed call on latent frames (after conv2): returns the 6-channel head output.</summary>
    public Tensor Forward(Tensor z, StreamState state)
    {
        using var scope = DisposeScope.Enter();
        var h = Conv1.Forward(z);
        foreach (var block in Middle.Items.Concat(Upsamples.Items))
        {
            h = block.Forward(h, state);
        }

        return scope.Keep(Head.Forward(HeadNorm.Forward(h, silu: true), state));
    }
}

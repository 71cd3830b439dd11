using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// One level of the encoder (<c>down.{i}</c>) or decoder (<c>up.{i}</c>): resnet blocks, each optionally followed by
/// attention (when the level's resolution is in attn_resolutions), then an optional resampler.
/// </summary>
public sealed class ResolutionLevel : Module
{
    public ResolutionLevel(string resnetKind, long inChannels, long outChannels, int blockCount, bool withAttention, int normGroups)
    {
        Blocks = Child("block", new ModuleList<ResnetBlock>());
        Attentions = Child("attn", new ModuleList<AttnBlock3DFix>());
        for (var j = 0; j < blockCount; j++)
        {
            Blocks.Add(new ResnetBlock(resnetKind, j == 0 ? inChannels : outChannels, outChannels, normGroups));
            if (withAttention)
            {
                Attentions.Add(new AttnBlock3DFix(outChannels, normGroups));
            }
        }
    }

    public ModuleList<ResnetBlock> Blocks { get; }

    public ModuleList<AttnBlock3DFix> Attentions { get; }

    public VideoDownsampler? Downsampler { get; private set; }

    public VideoUpsampler? Upsampler { get; private set; }

    public void AddDownsampler(VideoDownsampler module) => Downsampler = Child("downsample", module);

    public void AddUpsampler(VideoUpsampler module) => Upsampler = Child("upsample", module);

    /// <summary>Runs the blocks (and attentions); the resampler is applied separately because of the encoder's quirk.</summary>
    public Tensor ForwardBlocks(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var h = x;
        for (var j = 0; j < Blocks.Count; j++)
        {
            var next = Blocks[j].Forward(h);
            DisposeUnlessInput(h, x);
            h = next;
            if (Attentions.Count > 0)
            {
                next = Attentions[j].Forward(h);
                h.Dispose();
                h = next;
            }
        }

        return scope.Keep(h);
    }

    internal static void DisposeUnlessInput(Tensor t, Tensor input)
    {
        if (!ReferenceEquals(t, input))
        {
            t.Dispose();
        }
    }
}

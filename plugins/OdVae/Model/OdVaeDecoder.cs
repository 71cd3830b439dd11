using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream Decoder (state-dict prefix <c>decoder.</c>): latent [B, z, t, h, w] -> video [B, 3, 1+4(t-1), 8h, 8w].
/// Levels are stored as <c>up.{level}</c> but run from the deepest level to level 0; each has num_res_blocks + 1 blocks.
/// </summary>
public sealed class OdVaeDecoder : Module
{
    private readonly ResolutionLevel[] levels;

    public OdVaeDecoder(OdVaeConfig config)
    {
        long blockIn = config.LevelChannels(config.Levels - 1);
        var resolution = config.Resolution >> (config.Levels - 1);
        ConvIn = Child("conv_in", VideoConv.Create(config.DecoderConvIn, config.ZChannels, blockIn, kernel: 3, padding: 1));
        Mid = Child("mid", new MidBlock(config.DecoderMidResnet, config.DecoderAttention, blockIn, config.NormGroups));

        levels = new ResolutionLevel[config.Levels];
        for (var i = config.Levels - 1; i >= 0; i--)
        {
            long blockOut = config.LevelChannels(i);
            var level = new ResolutionLevel(config.DecoderResnetBlocks[i], blockIn, blockOut, config.NumResBlocks + 1, config.AttnResolutions.Contains(resolution), config.NormGroups);
            blockIn = blockOut;
            if (config.DecoderSpatialUpsample[i].Length > 0)
            {
                level.AddUpsampler(VideoUpsampler.Create(config.DecoderSpatialUpsample[i], blockIn));
                resolution *= 2;
            }

            levels[i] = level;
        }

        Levels = Child("up", new ModuleList<ResolutionLevel>());
        foreach (var level in levels)
        {
            Levels.Add(level);
        }

        NormOut = Child("norm_out", new VideoGroupNorm(blockIn, perFrame: false, config.NormGroups));
        ConvOut = Child("conv_out", VideoConv.Create(config.DecoderConvOut, blockIn, 3, kernel: 3, padding: 1));
    }

    public VideoConv ConvIn { get; }

    public MidBlock Mid { get; }

    public ModuleList<ResolutionLevel> Levels { get; }

    public VideoGroupNorm NormOut { get; }

    public VideoConv ConvOut { get; }

    public Tensor Forward(Tensor latent)
    {
        using var scope = DisposeScope.Enter();
        var h = ConvIn.Forward(latent);
        var next = Mid.Forward(h);
        h.Dispose();
        h = next;
        for (var i = levels.Length - 1; i >= 0; i--)
        {
            next = levels[i].ForwardBlocks(h);
            h.Dispose();
            h = next;
            if (levels[i].Upsampler is { } up)
            {
                next = up.Forward(h);
                h.Dispose();
                h = next;
            }
        }

        next = NormActivation.Apply(NormOut, h);
        h.Dispose();
        return scope.Keep(ConvOut.Forward(next));
    }
}

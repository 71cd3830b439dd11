using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>Upstream Encoder (state-dict prefix <c>encoder.</c>): video [B, 3, T, H, W] -> moments [B, 2z, t, h, w].</summary>
public sealed class OdVaeEncoder : Module
{
    public OdVaeEncoder(OdVaeConfig config)
    {
        ConvIn = Child("conv_in", VideoConv.Create(config.EncoderConvIn, 3, config.HiddenSize, kernel: 3, padding: 1));
        Levels = Child("down", new ModuleList<ResolutionLevel>());
        long blockIn = config.HiddenSize;
        var resolution = config.Resolution;
        for (var i = 0; i < config.Levels; i++)
        {
            long blockOut = config.LevelChannels(i);
            var level = new ResolutionLevel(config.EncoderResnetBlocks[i], blockIn, blockOut, config.NumResBlocks, config.AttnResolutions.Contains(resolution), config.NormGroups);
            blockIn = blockOut;
            if (config.EncoderSpatialDownsample[i].Length > 0)
            {
                level.AddDownsampler(VideoDownsampler.Create(config.EncoderSpatialDownsample[i], blockIn));
                resolution /= 2;
            }

            Levels.Add(level);
        }

        Mid = Child("mid", new MidBlock(config.EncoderMidResnet, config.EncoderAttention, blockIn, config.NormGroups));
        NormOut = Child("norm_out", new VideoGroupNorm(blockIn, perFrame: false, config.NormGroups));
        ConvOut = Child("conv_out", VideoConv.Create(config.EncoderConvOut, blockIn, config.DoubleZ ? 2 * config.ZChannels : config.ZChannels, kernel: 3, padding: 1));
    }

    public VideoConv ConvIn { get; }

    public ModuleList<ResolutionLevel> Levels { get; }

    public MidBlock Mid { get; }

    public VideoGroupNorm NormOut { get; }

    public VideoConv ConvOut { get; }

    public Tensor Forward(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var h = ConvIn.Forward(video);
        Tensor? lastBlockOutput = null;
        foreach (var level in Levels.Items)
        {
            var blocks = level.ForwardBlocks(h);
            h.Dispose();
            lastBlockOutput?.Dispose();
            lastBlockOutput = blocks;
            h = level.Downsampler is null ? blocks : level.Downsampler.Forward(blocks);
        }

        // Upstream feeds the mid block with the last level's block output, not its down-sampler output (identical
        // for every released config, whose last level has no down-sampler).
        if (!ReferenceEquals(h, lastBlockOutput))
        {
            h.Dispose();
        }

        var m = Mid.Forward(lastBlockOutput!);
        lastBlockOutput!.Dispose();
        var n = NormActivation.Apply(NormOut, m);
        m.Dispose();
        return scope.Keep(ConvOut.Forward(n));
    }
}

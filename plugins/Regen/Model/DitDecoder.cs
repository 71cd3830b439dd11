using VideoPipe.Plugins.Regen.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Model;

/// <summary>
/// The pixel-space DiT: tokens = Patchify(x_t) + C_e + TimeEmbed(t), N blocks, LayerNorm → Linear (zero-initialised)
/// → Unpatchify. No positional embedding: C_e is the only position signal, so any resolution runs unchanged.
/// </summary>
public sealed class DitDecoder : Module
{
    private readonly int patch;
    private readonly Linear patchify;
    private readonly TimestepEmbedding timeEmbedding;
    private readonly ModuleList<DitBlock> blocks;
    private readonly LayerNorm finalNorm;
    private readonly Linear finalLinear;

    public DitDecoder(RegenConfig config)
    {
        patch = config.PatchSize;
        long pixels = 3L * patch * patch;
        patchify = Child("patchify", new Linear(pixels, config.Width));
        timeEmbedding = Child("time_embedding", new TimestepEmbedding(config.TimeEmbeddingFrequencies, config.Width));
        blocks = Child("blocks", new ModuleList<DitBlock>());
        for (var i = 0; i < config.Depth; i++)
        {
            blocks.Add(new DitBlock(config.Width, config.Heads, config.FfnMultiplier, config.NormPlacement, config.QkNorm, config.AttentionBlockRows));
        }

        finalNorm = Child("final_norm", new LayerNorm([config.Width], 1e-6, affine: false));
        finalLinear = Child("final_linear", new Linear(config.Width, pixels));
    }

    public IEnumerable<DitBlock> Blocks => blocks.Items;

    public Linear FinalLinear => finalLinear;

    /// <summary>Noisy video [B,3,T,H,W], diffusion times [B] and conditioning [B, T·(H/p)·(W/p), D] → prediction [B,3,T,H,W].</summary>
    public Tensor Forward(Tensor noisy, Tensor times, Tensor conditioning)
    {
        using var scope = DisposeScope.Enter();
        var (b, t, h, w) = (noisy.Size(0), noisy.Size(2), noisy.Size(3) / patch, noisy.Size(4) / patch);
        var patches = noisy.Reshape(b, 3, t, h, patch, w, patch).Permute(0, 2, 3, 5, 1, 4, 6).Reshape(b, t * h * w, 3L * patch * patch);
        var x = patchify.Forward(patches) + conditioning + timeEmbedding.Forward(times).Unsqueeze(1);
        foreach (var block in blocks.Items)
        {
            x = block.Forward(x);
        }

        var pixels = finalLinear.Forward(finalNorm.Forward(x));
        return scope.Keep(pixels.Reshape(b, t, h, w, 3, patch, patch).Permute(0, 4, 1, 2, 5, 3, 6).Reshape(b, 3, t, h * patch, w * patch));
    }
}

using VideoPipe.Plugins.Cdt.Layers;
using VideoPipe.Plugins.Cdt.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Diffusion;

/// <summary>
/// Decodes latent chunks in order, chunk-major: the pyramid of a chunk is built once (condition-decoder cache
/// carried across chunks), then every DDIM step runs on it with that step's own UNet cache. This equals
/// upstream's step-major loop (all chunks per step, caches reset per step) while memory stays one chunk deep.
/// An upstream chunk may arrive in several pieces: CDT-base's mapping block, which upstream runs uncached (two
/// padded frames at every chunk start), keeps a cache that is cleared only where an upstream chunk starts, so the
/// pieces decode exactly as their chunk would in one call.
/// </summary>
public sealed class ChunkedDecoder : IDisposable
{
    private readonly CdtModel model;
    private readonly DdimSchedule schedule;
    private readonly IDecodeNoise noise;
    private readonly bool cacheMappingBlock;
    private readonly FeatureCache contextCache = new();
    private readonly FeatureCache mappingCache = new();
    private readonly FeatureCache[] unetCaches;
    private long nextLatent;

    public ChunkedDecoder(CdtModel model, DdimSchedule schedule, IDecodeNoise noise, bool cacheMappingBlock)
    {
        this.model = model;
        this.schedule = schedule;
        this.noise = noise;
        this.cacheMappingBlock = cacheMappingBlock;
        unetCaches = Enumerable.Range(0, schedule.Count).Select(_ => new FeatureCache()).ToArray();
    }

    /// <summary>Latent frames decoded so far.</summary>
    public long LatentFramesDone => nextLatent;

    /// <summary>
    /// Decodes the next latent chunk (B, z, L, h, w) to float32 frames: 4L−3 for the first chunk, 4L after.
    /// <paramref name="startsUpstreamChunk"/> false: the latents continue the previous call's upstream chunk.
    /// </summary>
    public Tensor Decode(Tensor latents, bool startsUpstreamChunk = true)
    {
        using var scope = DisposeScope.Enter();
        var config = model.Config;
        var (batch, count) = (latents.Size(0), latents.Size(2));
        var first = nextLatent == 0;
        if (startsUpstreamChunk && !cacheMappingBlock)
        {
            mappingCache.Clear();
        }

        var pyramid = model.Context.DecodePyramid(latents, new CausalPass(contextCache, first), mappingCache);

        var height = latents.Size(3) * config.SpaceFactor;
        var width = latents.Size(4) * config.SpaceFactor;
        var unit = noise.Frames(nextLatent, count, batch, height, width).To(latents.Device);
        var x = unit.Mul(config.SampleGamma);
        if (first)
        {
            // The first latent frame stands for one video frame: its first tf-1 noise frames are never used.
            x = x.Slice(2, config.TimeFactor - 1);
        }

        for (var k = 0; k < schedule.Count; k++)
        {
            var i = schedule.Count - 1 - k;
            using var stepScope = DisposeScope.Enter();
            var time = Tensor.Full([batch, 1], schedule.TimeInputs[i], DType.Float32, latents.Device);
            var x0 = model.Unet.Forward(x, time, pyramid, new CausalPass(unetCaches[k], first));
            x = stepScope.Keep(schedule.Step(i, x, x0));
        }

        nextLatent += count;
        return scope.Keep(x.Contiguous());
    }

    public void Dispose()
    {
        contextCache.Dispose();
        mappingCache.Dispose();
        foreach (var cache in unetCaches)
        {
            cache.Dispose();
        }
    }
}

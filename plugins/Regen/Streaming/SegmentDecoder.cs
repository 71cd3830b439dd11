using VideoPipe.Plugins.Regen.Diffusion;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Streaming;

/// <summary>
/// Decodes a latent stream chunk by chunk in order: chunk n samples 1+k frames from seeded noise conditioned on
/// (content, z_m^n) through C_e (computed once per chunk) and the DiT. Chunk 1's content is latent 0; a later chunk's
/// content is the encoder's z_c of the previous chunk's last decoded frame, the frame the chunk starts on, which is
/// therefore emitted only once. A stream of one latent is an image (z_m := z_c, one frame).
/// </summary>
internal sealed class SegmentDecoder : IDisposable
{
    private readonly RegenModel model;
    private readonly IDiffusionProcess process;
    private readonly int steps;
    private readonly Generator noise;
    private readonly DType dtype;
    private Tensor? content;
    private long chunks;

    public SegmentDecoder(RegenModel model, DType dtype, ulong seed, int steps)
    {
        this.model = model;
        this.dtype = dtype;
        this.steps = steps;
        process = DiffusionProcesses.For(model.Config);
        noise = new Generator(seed);
    }

    /// <summary>True once the content latent of the next chunk is known.</summary>
    public bool HasContent => content is not null;

    /// <summary>Sets latent 0 [B,C,1,h,w] (the stream's first latent).</summary>
    public void Start(Tensor first)
    {
        if (content is not null)
        {
            throw new InvalidOperationException("the stream's first latent was already given");
        }

        content = DisposeScope.Detach(first.To(dtype, model.Device, copy: true));
    }

    /// <summary>Decodes the stream's only latent as an image: [B,3,1,H,W] float32.</summary>
    public Tensor Image()
    {
        var first = content ?? throw new InvalidOperationException("no latent was given");
        return Sample(first, first, frames: 1);
    }

    /// <summary>Decodes the next chunk from its motion latent [B,C,1,h,w]: 1+k frames for the first chunk, k after.</summary>
    public Tensor Next(Tensor motion)
    {
        var current = content ?? throw new InvalidOperationException("the stream's first latent must come before its motion latents");
        using var scope = DisposeScope.Enter();
        var frames = model.Config.TemporalRatio + 1;
        var video = Sample(current, motion.To(dtype, current.Device), frames);
        var last = video.Narrow(2, frames - 1, 1).To(dtype);
        var (mean, _) = model.SplitMoments(model.Encoder.Forward(last));
        content.Dispose();
        content = DisposeScope.Detach(mean);
        return scope.Keep(chunks++ == 0 ? video : video.Narrow(2, 1, frames - 1).Contiguous());
    }

    private Tensor Sample(Tensor contentLatent, Tensor motion, long frames)
    {
        using var scope = DisposeScope.Enter();
        var (batch, s) = (contentLatent.Size(0), (long)model.Config.SpatialRatio);
        var (height, width) = (contentLatent.Size(3) * s, contentLatent.Size(4) * s);
        var latents = Tensor.Cat([contentLatent, motion], 2);
        var condition = model.Condition(latents.Narrow(2, 0, frames == 1 ? 1 : 2), frames, height, width);
        var start = Tensor.Randn(noise, [batch, 3, frames, height, width]).To(dtype, contentLatent.Device);
        var video = process.Sample((x, time) => model.Decoder.Forward(x, time.To(dtype), condition), start, steps);
        return scope.Keep(video.To(DType.Float32, copy: true));
    }

    public void Dispose()
    {
        content?.Dispose();
        noise.Dispose();
    }
}

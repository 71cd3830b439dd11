using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Streaming;

/// <summary>
/// Feeds unscaled latent frames of any chunk size to the decoder in upstream's call pattern (latent 0 alone,
/// then at most <see cref="MaxLatentsPerCall"/> latent frames per call). Nothing is buffered: every latent
/// frame's video frames (1 for latent 0, 4 after) are final when its call returns.
/// </summary>
internal sealed class DecoderStream : IDisposable
{
    private readonly IvVaeModel model;
    private readonly StreamState state = new();
    private long[]? latentShape;

    public DecoderStream(IvVaeModel model, DType dtype, int maxLatentsPerCall)
    {
        if (maxLatentsPerCall < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLatentsPerCall), maxLatentsPerCall, "at least one latent frame per call");
        }

        this.model = model;
        DType = dtype;
        MaxLatentsPerCall = maxLatentsPerCall;
    }

    public DType DType { get; }

    public int MaxLatentsPerCall { get; }

    /// <summary>Decodes unscaled latents [B, z, t, h, w]; returns float32 video frames (null for t = 0).</summary>
    public Tensor? Push(Tensor latents)
    {
        CheckLatents(latents);
        var available = latents.Size(2);
        if (available == 0)
        {
            return null;
        }

        using var scope = DisposeScope.Enter();
        var input = latents.DType == DType ? latents : latents.To(DType);
        var outputs = new List<Tensor>();
        long offset = 0;
        while (offset < available)
        {
            var length = state.IsFirstCall ? 1 : Math.Min(MaxLatentsPerCall, available - offset);
            outputs.Add(Run(input.Narrow(2, offset, length)));
            offset += length;
        }

        return scope.Keep(outputs.Count == 1 ? outputs[0] : Tensor.Cat(outputs, 2));
    }

    private Tensor Run(Tensor call)
    {
        using var scope = DisposeScope.Enter();
        var frames = model.DecodeCall(call, state);
        return scope.Keep(frames.To(DType.Float32));
    }

    private void CheckLatents(Tensor latents)
    {
        var z = model.Config.ZDim;
        if (latents.Dim != 5 || latents.Size(1) != z)
        {
            throw new ArgumentException($"ivvae decode expects latents [B, {z}, t, h, w], got [{string.Join(", ", latents.Shape)}]");
        }

        long[] shape = [latents.Size(0), latents.Size(3), latents.Size(4)];
        if (latentShape is not null && !latentShape.SequenceEqual(shape))
        {
            throw new ArgumentException($"ivvae decode stream changed batch/size from [{string.Join(", ", latentShape)}] to [{string.Join(", ", shape)}]");
        }

        latentShape = shape;
    }

    public void Dispose() => state.Dispose();
}

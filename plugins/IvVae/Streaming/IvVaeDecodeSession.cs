using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Streaming;

/// <summary>
/// Streaming decode. Push accepts any number of latent frames and returns their video frames at once
/// (latent 0 -> 1 frame, every later latent -> 4); nothing is buffered, so Complete returns null.
/// </summary>
internal sealed class IvVaeDecodeSession : IDecodeSession
{
    private readonly DecoderStream stream;
    private readonly bool scaled;
    private readonly double scale;
    private readonly double shift;

    public IvVaeDecodeSession(DecoderStream stream, bool scaled, double scale, double shift)
    {
        this.stream = stream;
        this.scaled = scaled;
        this.scale = scale;
        this.shift = shift;
    }

    public Tensor? Push(Tensor latents)
    {
        using var scope = DisposeScope.Enter();
        var z = scaled ? LatentScale.Remove(latents, new LatentScaling(scale, shift, AppliedInOutputs: true)) : latents;
        var frames = stream.Push(z);
        return frames is null ? null : scope.Keep(frames);
    }

    public Tensor? Complete() => null;

    public void Dispose() => stream.Dispose();
}

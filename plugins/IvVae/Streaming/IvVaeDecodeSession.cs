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
    private readonly LatentScaling? scaling;

    /// <param name="scaling">The card's scale/shift to undo first, or null when the latents carry none.</param>
    public IvVaeDecodeSession(DecoderStream stream, LatentScaling? scaling)
    {
        this.stream = stream;
        this.scaling = scaling;
    }

    public Tensor? Push(Tensor latents)
    {
        using var scope = DisposeScope.Enter();
        var z = scaling is null ? latents : LatentScale.Remove(latents, scaling);
        var frames = stream.Push(z);
        return frames is null ? null : scope.Keep(frames);
    }

    public Tensor? Complete() => null;

    public void Dispose() => stream.Dispose();
}

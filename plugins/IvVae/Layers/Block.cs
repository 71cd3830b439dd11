using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>One entry of the encoder's downsamples / decoder's upsamples / middle sequences.</summary>
public abstract class Block : Module
{
    /// <summary>Runs one call of a stream; <paramref name="state"/> is null only for stateless whole-frame use.</summary>
    public abstract Tensor Forward(Tensor x, StreamState? state);
}

using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Layers;

/// <summary>
/// Upstream's TimeUpsample: Conv1d(C, 2C, 1) per pixel, then channel pair (2c, 2c+1) becomes frames (2t, 2t+1)
/// of channel c. The first chunk of a stream drops output frame 0 (causal: latent frame 0 is one frame).
/// </summary>
public sealed class TimeUpsample : Module
{
    public TimeUpsample(long channels)
    {
        Channels = channels;
        Conv = Child("conv", Torch.Conv.Conv1d(channels, 2 * channels, 1));
    }

    public long Channels { get; }

    public Conv Conv { get; }

    public Tensor Forward(Tensor x, bool firstChunk)
    {
        using var scope = DisposeScope.Enter();
        var (b, t, h, w) = (x.Size(0), x.Size(2), x.Size(3), x.Size(4));
        var weight = Conv.Weight.Value.View([.. Conv.Weight.Value.Shape, 1, 1]);
        var pairs = Functional.Conv(x, weight, Conv.Bias?.Value, [1, 1, 1], [0, 0, 0], [1, 1, 1]);
        var frames = pairs.View(b, Channels, 2, t, h, w).Permute(0, 1, 3, 2, 4, 5).Reshape(b, Channels, 2 * t, h, w);
        var output = firstChunk ? frames.Slice(2, 1).Contiguous() : frames;
        return scope.Keep(output);
    }
}

using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// nn.Conv2d applied to every frame of a (B, C, T, H, W) map (keys weight [out, in, k, k], bias). Runs as a
/// Conv3d with a (1, k, k) kernel so the frames never have to be folded into the batch.
/// </summary>
public sealed class FrameConv2d : Module
{
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;

    public FrameConv2d(long inChannels, long outChannels, long kernel, long padding = 0, long stride = 1, long dilation = 1)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        this.stride = [1, stride, stride];
        this.padding = [0, padding, padding];
        this.dilation = [1, dilation, dilation];
        Weight = Param("weight", outChannels, inChannels, kernel, kernel);
        Bias = Param("bias", outChannels);
    }

    public long InChannels { get; }

    public long OutChannels { get; }

    public Parameter Weight { get; }

    public Parameter Bias { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var kernel = Weight.Value.Unsqueeze(2);
        return scope.Keep(Functional.Conv(x, kernel, Bias.Value, stride, padding, dilation));
    }
}

using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>Sep_Conv3d</c> / <c>First_Sep_Conv3d</c> (keys conv_2d.*, conv_3d.*): both convs read every input
/// channel; the per-frame 2D conv writes the keyframe half, the group-causal conv the temporal half.
/// The concatenation also regroups the group-causal output's frames (one copy for both).
/// </summary>
public sealed class KtcConv : Module
{
    public KtcConv(long inChannels, long out2d, long out3d, long kernel, int groupLength)
    {
        Conv2d = Child("conv_2d", new FrameConv2d(inChannels, out2d, kernel, padding: kernel / 2));
        Conv3d = Child("conv_3d", new GroupCausalConv(inChannels, out3d, kernel, groupLength));
    }

    public FrameConv2d Conv2d { get; }

    public GroupCausalConv Conv3d { get; }

    public Tensor Forward(Tensor x, StreamState? state)
    {
        using var scope = DisposeScope.Enter();
        var keyframe = Conv2d.Forward(x);
        var temporal = Conv3d.ForwardGrouped(x, state);
        var (b, n, g, h, w) = (temporal.Size(0), temporal.Size(2), temporal.Size(3), temporal.Size(4), temporal.Size(5));
        var both = Tensor.Cat([keyframe.Reshape(b, keyframe.Size(1), n, g, h, w), temporal], 1);
        return scope.Keep(both.View(b, both.Size(1), n * g, h, w));
    }
}

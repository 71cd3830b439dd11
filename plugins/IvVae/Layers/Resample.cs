using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>Resample(dim=c)</c> on a 2c map (keys resample_2d.1.*, resample_3d.1.*, time_conv.*). Spatial
/// resampling runs on each half with its own conv. In time, downsample3d keeps the even frames of the 2D half
/// and runs the stride-2 (2,1,1) time_conv on the 3D half; upsample3d duplicates 2D frames and splits the
/// 1x1x1 time_conv's 2c channels into an earlier and a later frame. Neither touches a single-frame call in
/// time (downsample) or the stream's first call (upsample), exactly as upstream.
/// </summary>
public sealed class Resample : Block
{
    public Resample(long branchChannels, ResampleMode mode)
    {
        BranchChannels = branchChannels;
        Mode = mode;
        var upsample = mode is ResampleMode.Upsample2d or ResampleMode.Upsample3d;
        var outBranch = upsample ? branchChannels / 2 : branchChannels;
        Keyframe = Child("resample_2d", new ModuleDict()).Add("1", SpatialConv(branchChannels, outBranch, upsample));
        Temporal = Child("resample_3d", new ModuleDict()).Add("1", SpatialConv(branchChannels, outBranch, upsample));
        TimeConv = mode switch
        {
            ResampleMode.Downsample3d => Child("time_conv", new Conv(3, branchChannels, branchChannels, [2, 1, 1], stride: [2, 1, 1])),
            ResampleMode.Upsample3d => Child("time_conv", new Conv(3, branchChannels, 2 * branchChannels, [1, 1, 1])),
            _ => null,
        };
    }

    public long BranchChannels { get; }

    public ResampleMode Mode { get; }

    public FrameConv2d Keyframe { get; }

    public FrameConv2d Temporal { get; }

    public Conv? TimeConv { get; }

    private bool IsUpsample => Mode is ResampleMode.Upsample2d or ResampleMode.Upsample3d;

    private static FrameConv2d SpatialConv(long cin, long cout, bool upsample) =>
        upsample ? new FrameConv2d(cin, cout, 3, padding: 1) : new FrameConv2d(cin, cout, 3, padding: 0, stride: 2);

    public override Tensor Forward(Tensor x, StreamState? state)
    {
        using var scope = DisposeScope.Enter();
        var halves = x.Split([BranchChannels, BranchChannels], 1);
        var (keyframe, temporal) = (halves[0], halves[1]);
        if (Mode == ResampleMode.Upsample3d && state is { IsFirstCall: false })
        {
            (keyframe, temporal) = (DuplicateFrames(keyframe), SplitTimeConv(temporal));
        }

        keyframe = Spatial(Keyframe, keyframe);
        temporal = Spatial(Temporal, temporal);
        var t = keyframe.Size(2);
        if (Mode == ResampleMode.Downsample3d && t != 1)
        {
            keyframe = keyframe.Slice(2, 0, t / 2 * 2, 2);
            temporal = TimeConv!.Forward(temporal);
        }

        return scope.Keep(Tensor.Cat([keyframe, temporal], 1));
    }

    private Tensor Spatial(FrameConv2d conv, Tensor half)
    {
        using var scope = DisposeScope.Enter();
        Tensor input;
        if (IsUpsample)
        {
            input = Functional.Interpolate(half, [half.Size(2), 2 * half.Size(3), 2 * half.Size(4)], InterpolationMode.Nearest);
        }
        else
        {
            input = Functional.Pad(half, [0, 1, 0, 1]);
        }

        return scope.Keep(conv.Forward(input));
    }

    /// <summary>(B, c, t, H, W) -> (B, c, 2t, H, W) with every frame twice.</summary>
    private static Tensor DuplicateFrames(Tensor x)
    {
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        using var scope = DisposeScope.Enter();
        return scope.Keep(Tensor.Stack([x, x], 3).Reshape(b, c, 2 * t, h, w));
    }

    /// <summary>time_conv gives 2c channels per frame: channels [0, c) are the earlier new frame, [c, 2c) the later.</summary>
    private Tensor SplitTimeConv(Tensor x)
    {
        var (b, c, t, h, w) = (x.Size(0), x.Size(1), x.Size(2), x.Size(3), x.Size(4));
        using var scope = DisposeScope.Enter();
        var u = TimeConv!.Forward(x).Reshape(b, 2, c, t, h, w).Permute(0, 2, 3, 1, 4, 5);
        return scope.Keep(u.Reshape(b, c, 2 * t, h, w));
    }
}

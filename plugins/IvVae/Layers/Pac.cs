using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>
/// Upstream <c>PAC</c> (encoder head): six parallel per-frame convs 2c -> 2z (1x1, 3x3 with dilation 1, 3, 6, 9,
/// 12) whose FIRST z channels are concatenated in that order, then their LAST z channels in the same order,
/// fused by PAC_conv (1x1, 12z -> 2z).
/// </summary>
public sealed class Pac : Module
{
    private static readonly (string Name, long Kernel, long Dilation)[] Branches =
        [("PAC_0", 1, 1), ("PAC_1", 3, 1), ("PAC_3", 3, 3), ("PAC_6", 3, 6), ("PAC_9", 3, 9), ("PAC_12", 3, 12)];

    private readonly List<MixedConv2d> branches = new();

    public Pac(long inChannels, long halfOut)
    {
        HalfOut = halfOut;
        foreach (var (name, kernel, dilation) in Branches)
        {
            branches.Add(Child(name, new MixedConv2d(inChannels, 2 * halfOut, kernel, padding: kernel == 1 ? 0 : dilation, dilation: dilation)));
        }

        Fuse = Child("PAC_conv", new MixedConv2d(12 * halfOut, 2 * halfOut, 1));
    }

    /// <summary>z: half of each branch's output width.</summary>
    public long HalfOut { get; }

    public MixedConv2d Fuse { get; }

    public Tensor Forward(Tensor x)
    {
        using var scope = DisposeScope.Enter();
        var outputs = branches.Select(b => b.Forward(x)).ToList();
        return scope.Keep(Fuse.Forward(ConcatHalves(outputs, HalfOut)));
    }

    /// <summary>[o0[:z], o1[:z], ..., o5[:z], o0[z:], ..., o5[z:]] on channels.</summary>
    internal static Tensor ConcatHalves(IReadOnlyList<Tensor> outputs, long half)
    {
        using var scope = DisposeScope.Enter();
        var firsts = outputs.Select(o => o.Narrow(1, 0, half));
        var seconds = outputs.Select(o => o.Narrow(1, half, half));
        return scope.Keep(Tensor.Cat(firsts.Concat(seconds).ToList(), 1));
    }
}

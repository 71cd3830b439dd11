namespace VideoPipe.Torch.Losses;

/// <summary>
/// A 3D PatchGAN discriminator (Open-Sora-Plan's NLayerDiscriminator3D shape): strided 3D convolutions with
/// LeakyReLU(0.2), GroupNorm after every inner convolution, one logit per space-time patch. Input video
/// [B, C, T, H, W] in [-1, 1]; output logits [B, 1, t, h, w].
/// </summary>
public sealed class PatchDiscriminator3D : Module
{
    private static readonly long[] Kernel = [3, 4, 4];
    private readonly ModuleList<Conv> convs;
    private readonly ModuleList<GroupNorm> norms;

    public PatchDiscriminator3D(long inChannels = 3, long baseChannels = 64, int layers = 3)
    {
        if (layers < 1 || baseChannels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(layers), $"a patch discriminator needs layers >= 1 and channels >= 1 (got {layers}, {baseChannels})");
        }

        convs = Child("convs", new ModuleList<Conv>());
        norms = Child("norms", new ModuleList<GroupNorm>());
        convs.Add(new Conv(3, inChannels, baseChannels, Kernel, [2, 2, 2], [1, 1, 1]));
        var channels = baseChannels;
        for (var n = 1; n <= layers; n++)
        {
            var next = baseChannels * Math.Min(1L << n, 8);
            var stride = n < layers ? 2 : 1;
            convs.Add(new Conv(3, channels, next, Kernel, [stride, stride, stride], [1, 1, 1], bias: false));
            norms.Add(new GroupNorm(GroupsFor(next), next));
            channels = next;
        }

        convs.Add(new Conv(3, channels, 1, Kernel, [1, 1, 1], [1, 1, 1]));
    }

    /// <summary>The logits of every patch.</summary>
    public Tensor Forward(Tensor video)
    {
        using var scope = DisposeScope.Enter();
        var h = convs[0].Forward(video).LeakyRelu(0.2);
        for (var i = 0; i < norms.Count; i++)
        {
            h = norms[i].Forward(convs[i + 1].Forward(h)).LeakyRelu(0.2);
        }

        return scope.Keep(convs[convs.Count - 1].Forward(h));
    }

    /// <summary>
    /// The usual GAN initialisation: convolution weights N(0, 0.02²), norm scales N(1, 0.02²), biases 0. Written in no-grad
    /// mode, so parameters made in inference mode must become normal tensors first (<see cref="Module.SetRequiresGrad"/>).
    /// </summary>
    public void Initialize(Generator generator)
    {
        using var mode = GradMode.NoGrad();
        foreach (var (name, slot) in NamedParameters())
        {
            var value = slot.Value;
            using var noise = Tensor.Randn(generator, value.Shape, value.DType) * 0.02;
            if (name.EndsWith(".bias", StringComparison.Ordinal))
            {
                value.Fill(0);
            }
            else if (name.StartsWith("norms.", StringComparison.Ordinal))
            {
                using var scale = noise + 1.0;
                value.CopyFrom(scale);
            }
            else
            {
                value.CopyFrom(noise);
            }
        }
    }

    private static long GroupsFor(long channels)
    {
        for (var groups = Math.Min(32, channels); groups > 1; groups--)
        {
            if (channels % groups == 0)
            {
                return groups;
            }
        }

        return 1;
    }
}

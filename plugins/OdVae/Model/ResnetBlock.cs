using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>
/// Upstream ResnetBlock2D (per-frame Conv2d, GN-2D) or ResnetBlock3D (CausalConv3d, GN-3D), or our ResnetBlock2D3D
/// (norm1 + conv1 per frame, norm2 + conv2 and the shortcut causal 3D):
/// out = shortcut(x) + conv2(silu(norm2(conv1(silu(norm1(x)))))); dropout is inference-time identity.
/// </summary>
public sealed class ResnetBlock : Module
{
    public ResnetBlock(string kind, long inChannels, long outChannels, int normGroups)
    {
        var (firstPerFrame, secondPerFrame) = kind switch
        {
            OdVaeBlockNames.ResnetBlock2D => (true, true),
            OdVaeBlockNames.ResnetBlock3D => (false, false),
            OdVaeBlockNames.ResnetBlock2D3D => (true, false),
            _ => throw new NotSupportedException($"unknown resnet block class '{kind}'"),
        };
        static string ConvKind(bool perFrame) => perFrame ? OdVaeBlockNames.Conv2d : OdVaeBlockNames.CausalConv3d;
        Kind = kind;
        Norm1 = Child("norm1", new VideoGroupNorm(inChannels, firstPerFrame, normGroups));
        Conv1 = Child("conv1", VideoConv.Create(ConvKind(firstPerFrame), inChannels, outChannels, kernel: 3, padding: 1));
        Norm2 = Child("norm2", new VideoGroupNorm(outChannels, secondPerFrame, normGroups));
        Conv2 = Child("conv2", VideoConv.Create(ConvKind(secondPerFrame), outChannels, outChannels, kernel: 3, padding: 1));
        if (inChannels != outChannels)
        {
            Shortcut = Child("nin_shortcut", VideoConv.Create(ConvKind(secondPerFrame), inChannels, outChannels, kernel: 1, padding: 0));
        }
    }

    public string Kind { get; }

    public VideoGroupNorm Norm1 { get; }

    public VideoConv Conv1 { get; }

    public VideoGroupNorm Norm2 { get; }

    public VideoConv Conv2 { get; }

    public VideoConv? Shortcut { get; }

    public Tensor Forward(Tensor x)
    {
        // Intermediates are disposed as soon as they are consumed: at full resolution each one is a whole video.
        using var scope = DisposeScope.Enter();
        var h = NormActivation.Apply(Norm1, x);
        h = ConsumeWith(h, Conv1.Forward);
        h = ConsumeWith(h, input => NormActivation.Apply(Norm2, input));
        h = ConsumeWith(h, Conv2.Forward);
        if (Shortcut is null)
        {
            return scope.Keep(h.AddInPlace(x));
        }

        using var skip = Shortcut.Forward(x);
        return scope.Keep(h.AddInPlace(skip));
    }

    private static Tensor ConsumeWith(Tensor input, Func<Tensor, Tensor> layer)
    {
        var output = layer(input);
        input.Dispose();
        return output;
    }
}

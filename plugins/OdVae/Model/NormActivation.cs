using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>silu(norm(x)), the pre-activation every ResNet block and the encoder's and decoder's outputs use.</summary>
public static class NormActivation
{
    /// <summary>
    /// At inference the SiLU overwrites the norm's output. With autograd on it writes a new tensor instead: SiLU's
    /// gradient needs its input, so an in-place SiLU would make libtorch copy the whole input first.
    /// </summary>
    public static Tensor Apply(VideoGroupNorm norm, Tensor x)
    {
        var normed = norm.Forward(x);
        if (!GradMode.IsEnabled)
        {
            return normed.SiluInPlace();
        }

        using (normed)
        {
            return normed.Silu();
        }
    }
}

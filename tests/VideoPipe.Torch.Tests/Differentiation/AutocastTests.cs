namespace VideoPipe.Torch.Tests.Differentiation;

/// <summary>Mixed precision as torch.autocast: listed ops run in bfloat16 inside a scope, float32 weights stay, the state nests and restores.</summary>
public sealed class AutocastTests
{
    [Fact]
    public void AConvolutionInsideTheScopeRunsInBFloat16AndGradientsReachTheFloat32Weights()
    {
        using var grad = GradMode.Enable();
        using var generator = new Generator(3);
        using var x = Tensor.Randn(generator, [1, 2, 3, 6, 6]);
        using var weight = Tensor.Randn(generator, [4, 2, 3, 3, 3]);
        weight.RequiresGrad = true;
        Tensor y;
        using (Autocast.Enable(DType.BFloat16))
        {
            Assert.Equal(DType.BFloat16, Autocast.Current());
            y = Functional.Conv3d(x, weight, padding: 1);
        }

        using (y)
        {
            Assert.Null(Autocast.Current());
            Assert.Equal(DType.BFloat16, y.DType);
            using var reference = Functional.Conv3d(x, weight, padding: 1);
            Assert.Equal(DType.Float32, reference.DType);
            using var asFloat = y.To(DType.Float32);
            Assert.True(asFloat.AllClose(reference, rtol: 0.02, atol: 0.1), "the bfloat16 convolution is far from the float32 one");
            using var loss = asFloat.Sum();
            loss.Backward();
        }

        using var g = weight.Grad ?? throw new InvalidOperationException("no gradient reached the weight");
        Assert.Equal(DType.Float32, g.DType);
        Assert.Equal(DType.Float32, weight.DType);
    }

    [Fact]
    public void ScopesNestAndRestoreThePreviousState()
    {
        Assert.Null(Autocast.Current());
        using (Autocast.Enable(DType.BFloat16))
        {
            using (Autocast.Enable(DType.BFloat16))
            {
                Assert.Equal(DType.BFloat16, Autocast.Current());
            }

            Assert.Equal(DType.BFloat16, Autocast.Current());
        }

        Assert.Null(Autocast.Current());
    }

    [Fact]
    public void Float16OnTheCpuAndNonHalfDTypesAreRefused()
    {
        Assert.Contains("needs CUDA", Assert.Throws<ArgumentException>(() => Autocast.Enable(DType.Float16)).Message);
        Assert.Contains("bfloat16 or float16", Assert.Throws<ArgumentException>(() => Autocast.Enable(DType.Float32)).Message);
    }
}

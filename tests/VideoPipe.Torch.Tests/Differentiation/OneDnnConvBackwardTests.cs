namespace VideoPipe.Torch.Tests.Differentiation;

/// <summary>
/// The oneDNN convolution's backward (a batch of one with small maps, which torch 1.13 would send to its slow
/// reference kernel, and a batch of two, which it would not) gives the gradients torch's own convolution gives, bias
/// included, in float32.
/// </summary>
public sealed class OneDnnConvBackwardTests
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(2, 1, 1, 1)]
    [InlineData(1, 2, 1, 1)]
    [InlineData(1, 1, 2, 1)]
    [InlineData(1, 1, 1, 2)]
    public void GradientsEqualTorchsConvolution(long stride, long dilation, long groups, long batch)
    {
        var (auto, x1, w1, b1) = Gradients(ConvKernel.Auto, stride, dilation, groups, batch);
        var (torch, x2, w2, b2) = Gradients(ConvKernel.Torch, stride, dilation, groups, batch);
        using (auto)
        using (torch)
        using (x1)
        using (w1)
        using (b1)
        using (x2)
        using (w2)
        using (b2)
        {
            Assert.True(auto.AllClose(torch, rtol: 1e-4, atol: 1e-5), "outputs differ");
            Assert.True(x1.AllClose(x2, rtol: 1e-4, atol: 1e-5), "input gradients differ");
            Assert.True(w1.AllClose(w2, rtol: 1e-4, atol: 1e-4), "weight gradients differ");
            Assert.True(b1.AllClose(b2, rtol: 1e-4, atol: 1e-4), "bias gradients differ");
        }
    }

    private static (Tensor Output, Tensor GradX, Tensor GradW, Tensor GradB) Gradients(ConvKernel kernel, long stride, long dilation, long groups, long batch)
    {
        using var grad = GradMode.Enable();
        using var generator = new Generator(7);
        using var x = Tensor.Randn(generator, [batch, 4, 5, 9, 9]);
        using var w = Tensor.Randn(generator, [6, 4 / groups, 3, 3, 3]);
        using var b = Tensor.Randn(generator, [6]);
        using var upstream = Tensor.Randn(generator, [batch, 6, 512]);
        foreach (var leaf in new[] { x, w, b })
        {
            leaf.RequiresGrad = true;
        }

        var y = Functional.Conv(x, w, b, [stride, stride, stride], [1, 1, 1], [dilation, dilation, dilation], groups, kernel);
        using var flat = y.Reshape(batch, 6, -1);
        using var weights = upstream.Narrow(2, 0, flat.Size(2));
        using var loss = (flat * weights).Sum();
        loss.Backward();
        using var output = y.Detach();
        y.Dispose();
        return (output.Clone(), x.Grad!, w.Grad!, b.Grad!);
    }
}

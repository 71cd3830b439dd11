namespace VideoPipe.Torch.Tests.Differentiation;

/// <summary>Grad mode, backward, .grad, autograd grad and detach through the binding (values by hand).</summary>
public class AutogradTests
{
    private static Tensor Leaf(params double[] values)
    {
        var t = Tensor.FromArray(values, values.Length);
        t.RequiresGrad = true;
        return t;
    }

    [Fact]
    public void InferenceIsTheDefaultAndScopesRestoreTheMode()
    {
        Assert.Equal(AutogradMode.Inference, GradMode.Current);
        using (GradMode.Enable())
        {
            Assert.True(GradMode.IsEnabled);
            using (GradMode.NoGrad())
            {
                Assert.Equal(AutogradMode.NoGrad, GradMode.Current);
            }

            Assert.True(GradMode.IsEnabled);
        }

        Assert.Equal(AutogradMode.Inference, GradMode.Current);
    }

    [Fact]
    public void BackwardAccumulatesIntoGradUntilCleared()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(1, -2, 3);
        (x * x).Sum().Backward();
        Assert.Equal(new double[] { 2, -4, 6 }, x.Grad!.ToArray<double>());
        (x * 3).Sum().Backward();
        Assert.Equal(new double[] { 5, -1, 9 }, x.Grad!.ToArray<double>());
        x.Grad = null;
        Assert.Null(x.Grad);
    }

    [Fact]
    public void BackwardOfANonScalarTakesTheGivenGradient()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(1, 2);
        (x * x).Backward(Tensor.FromArray(new double[] { 10, 100 }, 2));
        Assert.Equal(new double[] { 20, 400 }, x.Grad!.ToArray<double>());
    }

    [Fact]
    public void AutogradGradGivesSecondDerivativesWithCreateGraph()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(2, 3);
        var y = (x * x * x).Sum();
        var dy = Autograd.Grad([y], [x], createGraph: true)[0]!;
        Assert.Equal(new double[] { 12, 27 }, dy.ToArray<double>());
        var d2 = Autograd.Grad([dy.Sum()], [x])[0]!;
        Assert.Equal(new double[] { 12, 18 }, d2.ToArray<double>());
        Assert.Null(x.Grad);
    }

    [Fact]
    public void UnusedInputsAreNullOnlyWhenAllowed()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(1);
        var unused = Leaf(1);
        var y = (x * 2).Sum();
        Assert.Null(Autograd.Grad([y], [x, unused], retainGraph: true, allowUnused: true)[1]);
        Assert.Throws<TorchException>(() => Autograd.Grad([y], [x, unused]));
    }

    [Fact]
    public void DetachStopsTheGraphAndNoGradRecordsNothing()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(1, 2);
        var d = (x * 2).Detach();
        Assert.False(d.RequiresGrad);
        Assert.True(d.IsLeaf);
        using (GradMode.NoGrad())
        {
            var n = x * 2;
            Assert.False(n.RequiresGrad);
            Assert.False(n.IsInference);
        }

        Assert.True((x * 2).RequiresGrad);
        Assert.False((x * 2).IsLeaf);
    }

    [Fact]
    public void ErrorsSayWhatToDo()
    {
        using var scope = DisposeScope.Enter();
        var inference = Tensor.FromArray(new double[] { 1 }, 1);
        var e = Assert.Throws<TorchException>(() => inference.RequiresGrad = true);
        Assert.Contains("clone it", e.Message);
        using (GradMode.Enable())
        {
            var x = Leaf(1);
            var y = (x * 2).Sum();
            using (GradMode.Inference())
            {
                Assert.Contains("grad mode", Assert.Throws<TorchException>(() => y.Backward()).Message);
            }

            var constant = Tensor.FromArray(new double[] { 1 }, 1).Sum();
            Assert.Contains("does not require grad", Assert.Throws<TorchException>(() => constant.Backward()).Message);
        }
    }

    [Fact]
    public void GradMustMatchItsTensor()
    {
        using var mode = GradMode.Enable();
        using var scope = DisposeScope.Enter();
        var x = Leaf(1, 2);
        Assert.Throws<TorchException>(() => x.Grad = Tensor.FromArray(new double[] { 1 }, 1));
        x.Grad = Tensor.FromArray(new double[] { 5, 6 }, 2);
        Assert.Equal(new double[] { 5, 6 }, x.Grad!.ToArray<double>());
    }
}

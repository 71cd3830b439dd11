namespace VideoPipe.Torch.Tests.Ops;

/// <summary>Shape, view and indexing ops on arange tensors, every expected value derived by hand.</summary>
public class ShapeAndIndexingTests
{
    // a = [[0,1,2,3],[4,5,6,7],[8,9,10,11]]
    private static Tensor A() => Tensor.Arange(0, 12).Reshape(3, 4);

    private static long[] L(Tensor t) => t.ToArray<long>();

    [Fact]
    public void CatStackSplitChunk()
    {
        using var scope = DisposeScope.Enter();
        var a = A();
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, L(Tensor.Cat([a, a], 0)));
        var side = Tensor.Cat([a, a.Narrow(1, 0, 1)], 1);
        Assert.Equal(new long[] { 3, 5 }, side.Shape);
        Assert.Equal(new long[] { 0, 1, 2, 3, 0, 4, 5, 6, 7, 4, 8, 9, 10, 11, 8 }, L(side));
        var stacked = Tensor.Stack([a, a.Add(100)], 1);
        Assert.Equal(new long[] { 3, 2, 4 }, stacked.Shape);
        Assert.Equal(new long[] { 4, 5, 6, 7, 104, 105, 106, 107 }, L(stacked.Select(0, 1)));
        var parts = a.Split([1, 3], 1);
        Assert.Equal(new long[] { 0, 4, 8 }, L(parts[0]));
        Assert.Equal(new long[] { 1, 2, 3, 5, 6, 7, 9, 10, 11 }, L(parts[1]));
        var even = a.Split(3, 1);
        Assert.Equal(2, even.Length);
        Assert.Equal(new long[] { 3, 1 }, even[1].Shape);
        var chunks = Tensor.Arange(0, 5).Chunk(3, 0); // torch.chunk: sizes 2, 2, 1
        Assert.Equal(new[] { 2L, 2L, 1L }, chunks.Select(c => c.Numel).ToArray());
        Assert.Equal(new long[] { 4 }, L(chunks[2]));
    }

    [Fact]
    public void NarrowSliceWithStepSelect()
    {
        using var scope = DisposeScope.Enter();
        var a = A();
        Assert.Equal(new long[] { 4, 5, 6, 7, 8, 9, 10, 11 }, L(a.Narrow(0, 1, 2)));
        Assert.Equal(new long[] { 1, 3, 5, 7, 9, 11 }, L(a.Slice(1, 1, long.MaxValue, 2)));
        Assert.Equal(new long[] { 0, 3, 6, 9 }, L(Tensor.Arange(0, 12).Slice(0, 0, 10, 3)));
        Assert.Equal(new long[] { 9, 10 }, L(Tensor.Arange(0, 12).Slice(0, -3, -1)));
        Assert.Equal(new long[] { 2, 6, 10 }, L(a.Select(1, 2)));
        Assert.Equal(new long[] { 8, 9, 10, 11 }, L(a.Select(0, -1)));
    }

    [Fact]
    public void IndexSelectAndGather()
    {
        using var scope = DisposeScope.Enter();
        var a = A();
        var rows = Tensor.FromArray(new long[] { 2, 0 }, 2);
        Assert.Equal(new long[] { 8, 9, 10, 11, 0, 1, 2, 3 }, L(a.IndexSelect(0, rows)));
        var cols = Tensor.FromArray(new long[] { 3, 3, 1 }, 3);
        Assert.Equal(new long[] { 3, 3, 1, 7, 7, 5, 11, 11, 9 }, L(a.IndexSelect(1, cols)));
        var index = Tensor.FromArray(new long[] { 3, 0, 1, 1, 2, 2 }, 3, 2);
        Assert.Equal(new long[] { 3, 0, 5, 5, 10, 10 }, L(a.Gather(1, index)));
    }

    [Fact]
    public void PermuteTransposeReshapeViewContiguous()
    {
        using var scope = DisposeScope.Enter();
        var a = A();
        var t = a.Transpose(0, 1);
        Assert.Equal(new long[] { 4, 3 }, t.Shape);
        Assert.False(t.IsContiguous);
        Assert.Equal(new long[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, L(t));
        Assert.Throws<TorchException>(() => t.View(12)); // a non-contiguous view cannot be flattened in place
        var c = t.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal(L(t), L(c.View(12)));
        Assert.Equal(L(t), L(t.Reshape(-1)));
        var p = Tensor.Arange(0, 24).Reshape(2, 3, 4).Permute(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, p.Shape);
        Assert.Equal(new long[] { 1, 5, 9, 13, 17, 21 }, L(p.Select(0, 1)));
        Assert.Equal(new long[] { 1, 12, 4 }, p.Strides);
    }

    [Fact]
    public void FlattenUnsqueezeSqueeze()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.Arange(0, 24).Reshape(2, 3, 4);
        Assert.Equal(new long[] { 2, 12 }, x.Flatten(1).Shape);
        Assert.Equal(new long[] { 6, 4 }, x.Flatten(0, 1).Shape);
        var u = x.Unsqueeze(1).Unsqueeze(-1);
        Assert.Equal(new long[] { 2, 1, 3, 4, 1 }, u.Shape);
        Assert.Equal(new long[] { 2, 3, 4, 1 }, u.Squeeze(1).Shape);
        Assert.Equal(new long[] { 2, 3, 4 }, u.Squeeze().Shape);
        Assert.Equal(new long[] { 2, 1, 3, 4, 1 }, u.Squeeze(2).Shape); // size 3: unchanged
    }

    [Fact]
    public void RepeatExpandFlip()
    {
        using var scope = DisposeScope.Enter();
        var v = Tensor.FromArray(new long[] { 1, 2 }, 1, 2);
        Assert.Equal(new long[] { 1, 2, 1, 2, 1, 2, 1, 2 }, L(v.Repeat(2, 2)));
        Assert.Equal(new long[] { 2, 4 }, v.Repeat(2, 2).Shape);
        var e = v.Expand(3, 2);
        Assert.Equal(new long[] { 1, 2, 1, 2, 1, 2 }, L(e));
        Assert.Equal(new long[] { 0, 1 }, e.Strides); // expand is a view
        Assert.Equal(new long[] { 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 }, L(A().Flip(0, 1)));
        Assert.Equal(new long[] { 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8 }, L(A().Flip(1)));
    }

    [Fact]
    public void ViewsShareStorage()
    {
        using var scope = DisposeScope.Enter();
        var a = A().To(DType.Float32);
        var row = a.Select(0, 1);
        row.Fill(-1);
        Assert.Equal(new float[] { 0, 1, 2, 3, -1, -1, -1, -1, 8, 9, 10, 11 }, a.ToArray<float>());
    }

    [Fact]
    public void ShapeReturnsACopy()
    {
        // Shape once handed out the tensor's cached array: changing it changed the tensor's reported shape
        using var scope = DisposeScope.Enter();
        var a = A();
        var shape = a.Shape;
        shape[0] = 99;
        Assert.Equal(new long[] { 3, 4 }, a.Shape);
        Assert.Equal(12, a.Numel);
        Assert.Equal(3, a.Size(0));
    }
}

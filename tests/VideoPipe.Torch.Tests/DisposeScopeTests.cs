namespace VideoPipe.Torch.Tests;

/// <summary>Dispose scopes: collection, Keep to the enclosing scope, nesting, Detach, out-of-order disposal.</summary>
public class DisposeScopeTests
{
    [Fact]
    public void DisposesEverythingCreatedInside()
    {
        Tensor a, b;
        using (var scope = DisposeScope.Enter())
        {
            a = Tensor.Zeros([2]);
            b = a + 1;
            Assert.Equal(2, scope.Count);
        }

        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => b.ToArray<float>());
    }

    [Fact]
    public void KeepMovesAResultToTheEnclosingScope()
    {
        Tensor kept, temp;
        using (var outer = DisposeScope.Enter())
        {
            using (var inner = DisposeScope.Enter())
            {
                temp = Tensor.Ones([3]);
                kept = inner.Keep(temp * 2);
                Assert.Equal(1, inner.Count);
            }

            Assert.True(temp.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new float[] { 2, 2, 2 }, kept.ToArray<float>());
            Assert.Equal(1, outer.Count);
        }

        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void KeepFromTheOutermostScopeLeavesTheTensorToItsOwner()
    {
        Tensor kept;
        using (var scope = DisposeScope.Enter())
        {
            kept = scope.Keep(Tensor.Ones([1]));
        }

        Assert.False(kept.IsDisposed);
        kept.Dispose();
    }

    [Fact]
    public void NestedScopesRestoreTheOuterOne()
    {
        using var outer = DisposeScope.Enter();
        using (var inner = DisposeScope.Enter())
        {
            Assert.Same(inner, DisposeScope.Current);
        }

        Assert.Same(outer, DisposeScope.Current);
        var t = Tensor.Zeros([1]);
        Assert.Equal(1, outer.Count);
    }

    [Fact]
    public void DetachTakesATensorOutOfScopeManagement()
    {
        Tensor owned;
        using (var scope = DisposeScope.Enter())
        {
            owned = DisposeScope.Detach(Tensor.Zeros([1]));
            Assert.Equal(0, scope.Count);
        }

        Assert.False(owned.IsDisposed);
        owned.Dispose();
    }

    [Fact]
    public void DisposingAnOuterScopeFirstStopsTheInnerOneCollecting()
    {
        // an inner scope left open used to stay current after its outer scope ended, so later tensors
        // went into a scope nobody would dispose again
        var outer = DisposeScope.Enter();
        var inner = DisposeScope.Enter();
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
        using var free = Tensor.Zeros([1]);
        inner.Dispose();
        Assert.False(free.IsDisposed);
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void ScopesArePerThread()
    {
        using var scope = DisposeScope.Enter();
        Tensor? fromOtherThread = null;
        var thread = new Thread(() => fromOtherThread = Tensor.Zeros([1]));
        thread.Start();
        thread.Join();
        Assert.Equal(0, scope.Count);
        Assert.False(fromOtherThread!.IsDisposed);
        fromOtherThread.Dispose();
    }
}

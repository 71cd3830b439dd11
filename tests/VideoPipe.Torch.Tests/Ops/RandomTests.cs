using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests.Ops;

/// <summary>Seeded generators: same seed, same draws; draws equal torch.Generator().manual_seed(s) on CPU.</summary>
public class RandomTests
{
    private static readonly FixtureFile Fixture = FixtureFile.Load("random");

    [Fact]
    public async Task DrawsDoNotDeadlock()
    {
        // the shim once locked the generator's mutex around draws that lock it again: every draw hung
        var draw = Task.Run(() =>
        {
            using var g = new Generator(1);
            using var n = Tensor.Randn(g, [32]);
            using var u = Tensor.Rand(g, [3]);
            using var i = Tensor.Randint(g, 0, 5, [3]);
            return n.Numel + u.Numel + i.Numel;
        });
        var finished = await Task.WhenAny(draw, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(ReferenceEquals(finished, draw), "random draws did not return within 30 s");
        Assert.Equal(38, await draw);
    }

    [Fact]
    public void RandnEqualsTorchManualSeed()
    {
        using var scope = DisposeScope.Enter();
        using var g = new Generator(1234);
        TensorAssert.Equal(Fixture.Tensor("randn_1234_first"), Tensor.Randn(g, [1000]), "first draw");
        TensorAssert.Equal(Fixture.Tensor("randn_1234_second"), Tensor.Randn(g, [3, 7]), "second draw continues the stream");
        using var g64 = new Generator(7);
        TensorAssert.Equal(Fixture.Tensor("randn_7_f64"), Tensor.Randn(g64, [20], DType.Float64), "float64");
    }

    [Fact]
    public void RandAndRandintEqualTorchManualSeed()
    {
        using var scope = DisposeScope.Enter();
        using (var g = new Generator(1234))
        {
            TensorAssert.Equal(Fixture.Tensor("rand_1234"), Tensor.Rand(g, [100]));
        }

        using var gi = new Generator(1234);
        var ints = Tensor.Randint(gi, 0, 10, [50]);
        Assert.Equal(DType.Int64, ints.DType);
        TensorAssert.Equal(Fixture.Tensor("randint_1234"), ints);
    }

    [Fact]
    public void SameSeedSameDrawsDifferentSeedDifferentDraws()
    {
        using var scope = DisposeScope.Enter();
        using var a = new Generator(99);
        using var b = new Generator(99);
        using var c = new Generator(100);
        var fromA = Tensor.Randn(a, [64]);
        TensorAssert.Equal(fromA, Tensor.Randn(b, [64]));
        Assert.False(fromA.AllClose(Tensor.Randn(c, [64])));
        Assert.False(fromA.AllClose(Tensor.Randn(a, [64])), "a second draw must advance the generator");
        Assert.Equal(99UL, a.Seed);
    }

    [Fact]
    public void RandIsInUnitIntervalAndRandintInRange()
    {
        using var scope = DisposeScope.Enter();
        using var g = new Generator(3);
        var u = Tensor.Rand(g, [10000]);
        Assert.True(u.MinValue() >= 0 && u.MaxValue() < 1);
        var r = Tensor.Randint(g, -3, 4, [10000]);
        Assert.Equal(-3, r.MinValue());
        Assert.Equal(3, r.MaxValue());
    }
}

using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Tests;

public sealed class GroupCausalConvTests
{
    // Temporal taps on the spatial centre only: out = 1·earlier + 10·current + 100·later.
    private static GroupCausalConv TapConv(int groupLength)
    {
        var conv = new GroupCausalConv(1, 1, 3, groupLength);
        var w = new float[27];
        w[0 * 9 + 4] = 1;
        w[1 * 9 + 4] = 10;
        w[2 * 9 + 4] = 100;
        using var weight = Tensor.FromArray(w, 1, 1, 3, 3, 3);
        conv.Weight.Value.CopyFrom(weight);
        conv.Bias.Value.Fill(0);
        return conv;
    }

    // Frame k holds the constant k + 1 (so no frame is zero).
    private static Tensor Frames(int first, int count)
    {
        var data = new float[count * 9];
        for (var t = 0; t < count; t++)
        {
            Array.Fill(data, first + t + 1, t * 9, 9);
        }

        return Tensor.FromArray(data, 1, 1, count, 3, 3);
    }

    private static float[] CentreValues(Tensor y)
    {
        using var centre = y.Select(3, 1).Select(3, 1).Reshape(-1);
        return centre.ToArray<float>();
    }

    [Fact]
    public void FirstFrameIsItsOwnLeftNeighbourAndTheRightPadIsZero()
    {
        using var conv = TapConv(4);
        using var state = new StreamState();
        using var f0 = Frames(0, 1);
        using var y = conv.Forward(f0, state);
        Assert.Equal([1f * 1 + 10 * 1 + 100 * 0], CentreValues(y));
    }

    [Fact]
    public void GroupsSeeThePreviousGroupsLastFrameOnTheLeftAndZeroOnTheRight()
    {
        using var conv = TapConv(4);
        using var state = new StreamState();
        using var f0 = Frames(0, 1);
        using var first = conv.Forward(f0, state);
        using var rest = Frames(1, 8); // frames 1..8 = values 2..9, two groups of 4 in one call
        using var y = conv.Forward(rest, state);

        float F(int k) => k + 1;
        var expected = new float[8];
        for (var i = 0; i < 8; i++)
        {
            var k = i + 1;
            var groupEnd = i % 4 == 3;
            expected[i] = F(k - 1) + 10 * F(k) + (groupEnd ? 0 : 100 * F(k + 1));
        }

        Assert.Equal(expected, CentreValues(y));
    }

    [Fact]
    public void AMultiGroupCallEqualsOneCallPerGroup()
    {
        using var generator = new Generator(3);
        using var conv = new GroupCausalConv(3, 5, 3, 2);
        conv.InitializeRandom(generator, 0.3);
        using var video = Tensor.Randn(generator, [1, 3, 7, 6, 6]);

        using var whole = new StreamState();
        using var a0 = conv.Forward(video.Narrow(2, 0, 1), whole);
        using var a1 = conv.Forward(video.Narrow(2, 1, 6), whole);

        using var perGroup = new StreamState();
        var parts = new List<Tensor> { conv.Forward(video.Narrow(2, 0, 1), perGroup) };
        for (var start = 1; start < 7; start += 2)
        {
            parts.Add(conv.Forward(video.Narrow(2, start, 2), perGroup));
        }

        using var joined = Tensor.Cat(parts.Skip(1).ToList(), 2);
        Assert.True(TinyModels.MaxAbsDiff(a1, joined) < 1e-5);
        Assert.True(TinyModels.MaxAbsDiff(a0, parts[0]) < 1e-6);
        parts.ForEach(p => p.Dispose());
    }

    [Fact]
    public void CallsThatAreNotWholeGroupsAreRejected()
    {
        using var conv = TapConv(4);
        using var state = new StreamState();
        using var f0 = Frames(0, 1);
        using var first = conv.Forward(f0, state);
        using var three = Frames(1, 3);
        Assert.Throws<InvalidOperationException>(() => conv.Forward(three, state));
    }
}

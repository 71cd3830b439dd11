using System.Globalization;

namespace VideoPipe.Torch.Tests;

[CollectionDefinition(nameof(MemoryStabilityCollection), DisableParallelization = true)]
public sealed class MemoryStabilityCollection
{
}

/// <summary>10,000 small forward passes inside dispose scopes leave the resident set flat (VmRSS growth &lt; 50 MB).</summary>
[Collection(nameof(MemoryStabilityCollection))]
public class MemoryStabilityTests
{
    private sealed class SmallNet : Module
    {
        public SmallNet()
        {
            Conv = Child("conv", Conv.Conv2d(4, 8, 3, padding: 1));
            Norm = Child("norm", new GroupNorm(2, 8));
            Head = Child("head", new Linear(8, 4));
        }

        public Conv Conv { get; }

        public GroupNorm Norm { get; }

        public Linear Head { get; }

        public Tensor Forward(Tensor x)
        {
            var h = Norm.Forward(Conv.Forward(x)).Silu();
            var pooled = h.Mean([2, 3], keepDim: false);
            var parts = pooled.Chunk(2, 1);
            return Functional.Softmax(Head.Forward(Tensor.Cat(parts, 1)), -1);
        }
    }

    [Fact]
    public void TenThousandForwardPassesKeepRssFlat()
    {
        using var net = new SmallNet();
        using var g = new Generator(0);
        net.InitializeRandom(g, 0.2);
        using var x = Tensor.Randn(g, [1, 4, 16, 16]);
        double checksum = 0;

        void Passes(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var scope = DisposeScope.Enter();
                var y = net.Forward(x);
                if (i % 1000 == 0)
                {
                    checksum += y.Sum().Item();
                }
            }
        }

        // one intra-op thread: tiny ops gain nothing from more, and on a loaded machine OpenMP barriers
        // between 10,000 tiny parallel regions would make this test slow rather than test anything
        var threads = TorchRuntime.Threads;
        TorchRuntime.SetThreads(1);
        double growthMb;
        try
        {
            Passes(500); // warm-up: allocator pools, oneDNN primitive cache, JIT
            GC.Collect();
            var before = ReadRssKb();
            Passes(10_000);
            GC.Collect();
            growthMb = (ReadRssKb() - before) / 1024.0;
        }
        finally
        {
            TorchRuntime.SetThreads(threads);
        }

        Assert.True(growthMb < 50, $"VmRSS grew by {growthMb:F1} MB over 10,000 passes");
        Assert.InRange(checksum, 0.99 * 11, 1.01 * 11); // each softmax sums to 1: the passes really ran
    }

    private static long ReadRssKb()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("no VmRSS in /proc/self/status");
    }
}

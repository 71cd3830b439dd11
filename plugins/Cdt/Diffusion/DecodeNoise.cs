using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Diffusion;

/// <summary>
/// Where the unit-normal starting noise of a decode comes from. Frames are addressed in units of latent frames:
/// latent frame j owns noise frames [tf·j, tf·(j+1)) of the (B, 3, tf·T', H, W) draw.
/// </summary>
public interface IDecodeNoise
{
    /// <summary>Unit noise frames for latent frames [start, start+count) as (B, 3, tf·count, H, W) float32.</summary>
    Tensor Frames(long start, long count, long batch, long height, long width);

    /// <summary>What is recorded about the noise (seed, policy).</summary>
    string Description { get; }
}

/// <summary>
/// Seeded noise drawn latent frame by latent frame, in order, from one CPU generator: every latent frame gets a
/// (B, 3, tf, H, W) standard-normal draw. Whole-clip and streamed decodes of any chunk size therefore see the
/// same noise.
/// </summary>
public sealed class SeededFrameNoise(ulong seed, int timeFactor) : IDecodeNoise, IDisposable
{
    private readonly Generator generator = new(seed);
    private long nextFrame;

    public string Description => $"seed {seed}; one (B,3,{timeFactor},H,W) N(0,1) draw per latent frame in order from a CPU generator";

    public Tensor Frames(long start, long count, long batch, long height, long width)
    {
        if (start != nextFrame)
        {
            throw new InvalidOperationException($"seeded decode noise is drawn in order: expected latent frame {nextFrame}, got {start}");
        }

        using var scope = DisposeScope.Enter();
        var draws = new List<Tensor>();
        for (var j = 0; j < count; j++)
        {
            draws.Add(Tensor.Randn(generator, [batch, 3, timeFactor, height, width]));
        }

        nextFrame += count;
        return scope.Keep(count == 1 ? draws[0] : Tensor.Cat(draws, 2));
    }

    public void Dispose() => generator.Dispose();
}

/// <summary>A noise tensor supplied whole (parity steps: upstream's torch.randn draw), sliced per chunk.</summary>
public sealed class GivenNoise(Tensor noise, int timeFactor) : IDecodeNoise
{
    public string Description => "caller-supplied unit noise";

    public Tensor Frames(long start, long count, long batch, long height, long width)
    {
        var expected = new[] { batch, 3, noise.Size(2), height, width };
        if (!noise.Shape.SequenceEqual(expected) || noise.Size(2) < timeFactor * (start + count))
        {
            throw new ArgumentException($"decode noise [{string.Join(", ", noise.Shape)}] does not cover latent frames {start}..{start + count - 1} of a (B={batch}, 3, {timeFactor}·T', {height}, {width}) draw");
        }

        using var scope = DisposeScope.Enter();
        return scope.Keep(noise.Slice(2, timeFactor * start, timeFactor * (start + count)).To(DType.Float32, copy: true));
    }
}

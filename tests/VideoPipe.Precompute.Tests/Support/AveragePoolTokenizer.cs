using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// A small, real tokenizer for tests: the first frame alone and then every 4 frames are averaged over 8x8 pixel
/// blocks (1+4k frames → 1+k latents, 3 channels), optionally plus seeded noise (sample) and the card's scale/shift.
/// </summary>
public sealed class AveragePoolTokenizer(DType dtype) : ITokenizer
{
    public static readonly TokenizerCard Description = new()
    {
        Family = AveragePoolFamily.FamilyId,
        Variant = AveragePoolFamily.PresetName,
        Version = "1.0",
        TemporalCompression = 4,
        SpatialCompression = 8,
        FrameRule = FrameRule.OnePlusFourK,
        SpatialAlignment = 8,
        LatentChannels = 3,
        Scaling = new LatentScaling(0.5, 0.25, AppliedInOutputs: true),
        ExactCausalStreaming = false,
        GenerativeDecode = false,
    };

    public TokenizerCard Card => Description;

    public Device Device => Device.Cpu;

    public DType DType { get; } = dtype;

    /// <summary>Box-blur passes (3x3x3, per channel) before pooling: a heavier encoder for throughput benchmarks.</summary>
    public int ExtraWork { get; init; }

    /// <summary>How many encode calls fail (an IOException) before the first succeeds: retry and quarantine tests.</summary>
    public int FailFirstEncodes { get; init; }

    private int encodeCalls;

    /// <summary>Milliseconds each encode waits (the kill test paces the CLI with it so kills land mid-run).</summary>
    public const string EncodeDelayVariable = "VIDEOPIPE_TEST_ENCODE_DELAY_MS";

    public void CheckSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.Keys.FirstOrDefault(key => !Card.Settings.ContainsKey(key)) is { } unknown)
        {
            throw new ArgumentException($"{Card.Family} has no setting '{unknown}'");
        }
    }

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        if (Interlocked.Increment(ref encodeCalls) <= FailFirstEncodes)
        {
            throw new IOException($"test failure of encode call {encodeCalls}");
        }

        if (int.TryParse(Environment.GetEnvironmentVariable(EncodeDelayVariable), out var delay) && delay > 0)
        {
            Thread.Sleep(delay);
        }

        var (b, c, t, h, w) = (video.Size(0), video.Size(1), video.Size(2), video.Size(3), video.Size(4));
        if (!Card.FrameRule.Accepts(t) || h % 8 != 0 || w % 8 != 0)
        {
            throw new ArgumentException($"video [{string.Join(", ", video.Shape)}] does not fit the card");
        }

        using var smoothed = Smooth(video, ExtraWork);
        using var first = smoothed.Narrow(2, 0, 1).Reshape(b, c, 1, h / 8, 8, w / 8, 8);
        using var firstPooled = first.Mean([4, 6], keepDim: false);
        Tensor latent;
        if (t > 1)
        {
            using var rest = smoothed.Narrow(2, 1, t - 1).Reshape(b, c, (t - 1) / 4, 4, h / 8, 8, w / 8, 8);
            using var restPooled = rest.Mean([3, 5, 7], keepDim: false);
            latent = Tensor.Cat([firstPooled, restPooled], 2);
        }
        else
        {
            latent = firstPooled.Clone();
        }

        if (options.Posterior == PosteriorMode.Sample)
        {
            using var generator = new Generator(options.Seed ?? throw new ArgumentException("sample needs a seed"));
            using var noise = Tensor.Randn(generator, latent.Shape, latent.DType);
            using var scaledNoise = noise.Mul(0.01);
            using var noisy = latent.Add(scaledNoise);
            latent.Dispose();
            latent = noisy.Clone();
        }

        if (options.Scaled)
        {
            using var shifted = latent.Sub(Card.Scaling.Shift);
            latent.Dispose();
            latent = shifted.Mul(Card.Scaling.Scale);
        }

        return latent;
    }

    private static Tensor Smooth(Tensor video, int passes)
    {
        var channels = video.Size(1);
        var current = video.Clone();
        if (passes == 0)
        {
            return current;
        }

        using var kernel = Tensor.Full([channels, 1, 3, 3, 3], 1.0 / 27, video.DType);
        for (var i = 0; i < passes; i++)
        {
            var next = Functional.Conv3d(current, kernel, padding: 1, groups: channels);
            current.Dispose();
            current = next;
        }

        return current;
    }

    public Tensor Decode(Tensor latents, DecodeOptions options) => throw new NotSupportedException("the test tokenizer only encodes");

    public void Dispose()
    {
    }
}

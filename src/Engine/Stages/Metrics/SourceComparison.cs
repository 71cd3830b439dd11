using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Scores a reconstruction against its source (<see cref="FrameQuality"/> per frame), scores the weight-free baseline
/// (<see cref="WeightFreeBaseline"/>) on the same source frames, and optionally writes the two side by side
/// (source | reconstruction). Both videos are read whole, so it is for clips, up to <c>maxFrames</c>.
/// </summary>
public static class SourceComparison
{
    public const int DefaultMaxFrames = 300;

    /// <param name="baselineStride">The baseline keeps every this-many-th frame (4: a 4x temporal latent's budget).</param>
    public static async Task<SourceComparisonResult> RunAsync(string source, string reconstruction, int maxFrames, string? sideBySide, CancellationToken cancellationToken,
        int baselineStride = WeightFreeBaseline.TemporalStride)
    {
        if (maxFrames < 1)
        {
            throw new ArgumentException($"at least one frame must be compared, got a limit of {maxFrames}");
        }

        var options = new VideoReadOptions { MaxFrames = maxFrames };
        using var expected = await ClipFrames.ReadAsync(source, options, cancellationToken);
        using var actual = await ClipFrames.ReadAsync(reconstruction, options, cancellationToken);
        if (expected.Size(1) != actual.Size(1) || expected.Size(2) != actual.Size(2))
        {
            throw new InvalidDataException($"{reconstruction} is {actual.Size(2)}x{actual.Size(1)} but its source {source} is {expected.Size(2)}x{expected.Size(1)}; reconstruct at the source's size to compare");
        }

        var frames = Math.Min(expected.Size(0), actual.Size(0));
        using var a = expected.Narrow(0, 0, frames).Contiguous();
        using var b = actual.Narrow(0, 0, frames).Contiguous();
        var scores = FrameQuality.Compare(a, b).Select((s, i) => new FrameMetrics(i, s.Psnr, s.Ssim)).ToList();
        int height = (int)a.Size(1), width = (int)a.Size(2);
        var baseline = height % WeightFreeBaseline.SpatialFactor == 0 && width % WeightFreeBaseline.SpatialFactor == 0
            ? BaselineMeasurement.Score(a, baselineStride).Frames
            : null;
        if (sideBySide is not null)
        {
            var info = await new VideoProber().ProbeAsync(source, cancellationToken: cancellationToken);
            await WriteSideBySideAsync(a, b, info.AverageFrameRate, sideBySide, cancellationToken);
        }

        return new SourceComparisonResult(width, height, scores, baseline) { BaselineStride = baselineStride };
    }

    private static async Task WriteSideBySideAsync(Tensor left, Tensor right, Rational frameRate, string path, CancellationToken cancellationToken)
    {
        int height = (int)left.Size(1), width = (int)left.Size(2);
        var rate = frameRate.Numerator > 0 && frameRate.Denominator > 0 ? frameRate : new Rational(24, 1);
        var frameBytes = width * height * 3;
        var l = new byte[frameBytes];
        var r = new byte[frameBytes];
        await using var writer = SideBySideWriter.Create(path, new VideoWriteOptions { Width = width, Height = height, FrameRate = rate });
        for (var t = 0; t < left.Size(0); t++)
        {
            using (var frame = left.Narrow(0, t, 1).Contiguous())
            {
                frame.CopyTo<byte>(l);
            }

            using (var frame = right.Narrow(0, t, 1).Contiguous())
            {
                frame.CopyTo<byte>(r);
            }

            await writer.WriteAsync(l, r, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}

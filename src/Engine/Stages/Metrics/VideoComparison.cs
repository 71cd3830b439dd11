using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Per-frame PSNR and SSIM of one video file against another of the same size (scored like the metrics stage,
/// <see cref="FrameQuality"/>: identical frames score <see cref="FrameQuality.MaxPsnr"/>). Reads both block by block.
/// </summary>
public static class VideoComparison
{
    public const double IdenticalPsnr = FrameQuality.MaxPsnr;

    private const int BlockFrames = 16;

    /// <summary>Scores the first <paramref name="frames"/> frames of <paramref name="video"/> against <paramref name="reference"/>.</summary>
    public static async Task<IReadOnlyList<FrameMetrics>> CompareAsync(string reference, string video, int frames, CancellationToken cancellationToken = default)
    {
        var scores = new List<FrameMetrics>(frames);
        await using var expected = new ReferenceFrames(new WorkItem { Id = "reference", SourcePath = reference });
        await using var actual = new ReferenceFrames(new WorkItem { Id = "video", SourcePath = video });
        while (scores.Count < frames)
        {
            var count = Math.Min(BlockFrames, frames - scores.Count);
            using var a = await expected.TakeAsync(count, cancellationToken);
            using var b = await actual.TakeAsync(count, cancellationToken);
            var first = scores.Count;
            scores.AddRange(FrameQuality.Compare(a, b).Select((s, i) => new FrameMetrics(first + i, s.Psnr, s.Ssim)));
        }

        return scores;
    }
}

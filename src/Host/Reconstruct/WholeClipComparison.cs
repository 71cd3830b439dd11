using VideoPipe.Engine;
using VideoPipe.Engine.Stages;
using VideoPipe.Jobs;
using VideoPipe.Media;

namespace VideoPipe.Host;

/// <summary>
/// The seam report's comparison of the streamed reconstruction with a whole-clip one, for short inputs: the main
/// run also writes its stitched frames losslessly (<see cref="StreamedCopy"/>), then the whole-clip graph
/// (<see cref="ReconstructGraph.WholeClip"/>: same tokenizer, weights, device, dtype and seed, the clip as one tile)
/// runs with the plugins the main run loaded, also written losslessly, and the two are scored frame by frame.
/// Deletes its working folder when disposed.
/// </summary>
internal sealed class WholeClipComparison : IDisposable
{
    public const int DefaultMaxFrames = 65;

    private readonly DirectoryInfo? work;

    private WholeClipComparison(int maxFrames, string? skippedBecause)
    {
        MaxFrames = maxFrames;
        SkippedBecause = skippedBecause;
        work = skippedBecause is null ? Directory.CreateTempSubdirectory("videopipe-seams-") : null;
    }

    public int MaxFrames { get; }

    /// <summary>Why there is no comparison (null while it is planned or done).</summary>
    public string? SkippedBecause { get; private set; }

    /// <summary>Where the main run writes its lossless copy (null when the comparison is skipped).</summary>
    public string? StreamedCopy => work is null ? null : Path.Combine(work.FullName, "streamed.mkv");

    private string WholeClip => Path.Combine(work!.FullName, "whole.mkv");

    /// <summary>Decides from the input's probed frame count whether the comparison will run.</summary>
    public static async Task<WholeClipComparison> PlanAsync(string input, int maxFrames, CancellationToken cancellationToken)
    {
        var skip = maxFrames <= 0 ? "--seam-whole-max-frames is 0" : await TooLong(input, maxFrames, cancellationToken);
        return new WholeClipComparison(maxFrames, skip);
    }

    /// <summary>PSNR per frame of the streamed reconstruction against the whole-clip one; null (and <see cref="SkippedBecause"/> set) when skipped or failed.</summary>
    /// <param name="run">Runs a graph with the components already loaded.</param>
    public async Task<IReadOnlyList<double>?> CompareAsync(int frames, ReconstructRequest request, ReconstructPlan plan,
        Func<PipelineDefinition, Task<PipelineResult>> run, CancellationToken cancellationToken)
    {
        if (SkippedBecause is null && frames > MaxFrames)
        {
            SkippedBecause = $"{frames} frames > --seam-whole-max-frames {MaxFrames}";
        }

        if (SkippedBecause is null)
        {
            var result = await run(ReconstructGraph.WholeClip(request, plan, WholeClip, Path.Combine(work!.FullName, "whole-metrics")));
            SkippedBecause = result.Outcome == PipelineOutcome.Completed
                ? null
                : $"the whole-clip run ended {result.Outcome}: {result.Failure ?? string.Join("; ", [.. result.ValidationErrors, .. result.Quarantined.Select(q => q.Reason)])}";
        }

        if (SkippedBecause is not null)
        {
            return null;
        }

        var scores = await VideoComparison.CompareAsync(WholeClip, StreamedCopy!, frames, cancellationToken);
        return scores.Select(s => s.Psnr).ToList();
    }

    private static async Task<string?> TooLong(string input, int maxFrames, CancellationToken cancellationToken)
    {
        try
        {
            var info = await new VideoProber().ProbeAsync(input, cancellationToken: cancellationToken);
            return info.FrameCount is not { } frames ? "the input's frame count is unknown"
                : frames > maxFrames ? $"{frames} frames > --seam-whole-max-frames {maxFrames}"
                : null;
        }
        catch (VideoInputException e)
        {
            return $"the input could not be probed: {e.Message}";
        }
    }

    public void Dispose() => work?.Delete(recursive: true);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Engine;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;

namespace VideoPipe.Host;

/// <summary>
/// The seam report's comparison of the streamed reconstruction with a whole-clip one, for short inputs: the main
/// run also writes its stitched frames losslessly (a write stage added beside the others), then the same pipeline
/// with the same overrides (tokenizer weights, device, dtype, seed) runs once more with the clip as one tile
/// (chunk tileFrames 0, encode and decode-latents without sessions: one Encode + Decode, no tiling), also written
/// losslessly, and the two are scored frame by frame. Deletes its working folder when disposed.
/// </summary>
internal sealed class WholeClipComparison : IDisposable
{
    public const int DefaultMaxFrames = 65;

    private readonly string pipeline;
    private readonly IReadOnlyList<string> overrides;
    private readonly string[] pluginDirectories;
    private readonly DirectoryInfo? work;

    private WholeClipComparison(string pipeline, IReadOnlyList<string> overrides, string[] pluginDirectories, int maxFrames, string? skippedBecause)
    {
        this.pipeline = pipeline;
        this.overrides = overrides;
        this.pluginDirectories = pluginDirectories;
        MaxFrames = maxFrames;
        SkippedBecause = skippedBecause;
        work = skippedBecause is null ? Directory.CreateTempSubdirectory("videopipe-seams-") : null;
    }

    public int MaxFrames { get; }

    /// <summary>Why there is no comparison (null while it is planned or done).</summary>
    public string? SkippedBecause { get; private set; }

    private string StreamedCopy => Path.Combine(work!.FullName, "streamed.mkv");

    private string WholeClip => Path.Combine(work!.FullName, "whole.mkv");

    /// <summary>Decides from the input's probed frame count whether the comparison will run.</summary>
    public static async Task<WholeClipComparison> PlanAsync(string pipeline, IReadOnlyList<string> overrides, string[] pluginDirectories,
        string input, int maxFrames, CancellationToken cancellationToken)
    {
        var skip = maxFrames <= 0 ? "--seam-whole-max-frames is 0" : await TooLong(input, maxFrames, cancellationToken);
        return new WholeClipComparison(pipeline, overrides, pluginDirectories, maxFrames, skip);
    }

    /// <summary>Overrides to put before the main run's own: its stages plus the lossless copy of stitch's output.</summary>
    public IReadOnlyList<string> MainRunOverrides()
    {
        if (SkippedBecause is not null)
        {
            return [];
        }

        var document = JsonNode.Parse(File.ReadAllText(pipeline), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var stages = document["stages"]!.AsArray();
        stages.Add(new JsonObject
        {
            ["name"] = "seam-copy",
            ["type"] = "write",
            ["from"] = "stitch",
            ["options"] = LosslessWrite(StreamedCopy),
        });
        return [$"stages={stages.ToJsonString()}"];
    }

    /// <summary>PSNR per frame of the streamed reconstruction against the whole-clip one; null (and <see cref="SkippedBecause"/> set) when skipped or failed.</summary>
    public async Task<IReadOnlyList<double>?> CompareAsync(int frames, CancellationToken cancellationToken)
    {
        if (SkippedBecause is null && frames > MaxFrames)
        {
            SkippedBecause = $"{frames} frames > --seam-whole-max-frames {MaxFrames}";
        }

        SkippedBecause ??= await RunWholeClipAsync(cancellationToken);
        if (SkippedBecause is not null)
        {
            return null;
        }

        var scores = await VideoComparison.CompareAsync(WholeClip, StreamedCopy, frames, cancellationToken);
        return scores.Select(s => s.Psnr).ToList();
    }

    /// <summary>Null when the whole-clip run completed, otherwise why not.</summary>
    private async Task<string?> RunWholeClipAsync(CancellationToken cancellationToken)
    {
        string[] wholeClip =
        [
            "stages.chunk.options.mode=overlap",
            "stages.chunk.options.tileFrames=0",
            "stages.chunk.options.overlapFrames=0",
            "stages.encode.options.streaming=false",
            "stages.decode-latents.options.streaming=false",
            $"stages.write.options={LosslessWrite(WholeClip).ToJsonString()}",
            $"stages.metrics.options.directory={JsonSerializer.Serialize(Path.Combine(work!.FullName, "whole-metrics"))}",
        ];
        var (definition, errors) = PipelineParser.LoadFile(pipeline, overrides.Concat(wholeClip));
        if (definition is null)
        {
            return $"the whole-clip pipeline is invalid: {string.Join("; ", errors)}";
        }

        using var host = VideoPipeHost.CreateBuilder(pluginDirectories, quiet: true).Build();
        await using var catalog = host.Services.GetRequiredService<PluginCatalog>();
        catalog.Refresh();
        var result = await RunWithPlugins(catalog, host.Services.GetRequiredService<PipelineRunner>(), definition, cancellationToken);
        return result.Outcome == PipelineOutcome.Completed
            ? null
            : $"the whole-clip run ended {result.Outcome}: {result.Failure ?? string.Join("; ", [.. result.ValidationErrors, .. result.Quarantined.Select(q => q.Reason)])}";
    }

    // Out of line so no reference into a plugin's load context outlives it: the catalog's dispose then sees every
    // context collected instead of waiting for its unload timeout.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static async Task<PipelineResult> RunWithPlugins(PluginCatalog catalog, PipelineRunner runner, PipelineDefinition definition, CancellationToken cancellationToken)
    {
        using var components = catalog.Acquire();
        return await runner.RunAsync(definition, components, new PipelineMonitor(), cancellationToken, cancellationToken);
    }

    /// <summary>Write options for a lossless file (replacing the main run's whole options object: no format or crf carried over).</summary>
    private static JsonObject LosslessWrite(string file) => new() { ["file"] = file, ["encoding"] = "lossless-ffv1" };

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

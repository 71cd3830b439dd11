using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe reconstruct in out --tokenizer ...</c>: runs pipelines/stream-reconstruct.json with overrides
/// (streaming sessions and causal chunks for exact-streaming families, overlap tiling with the card's defaults
/// otherwise) through the same runner as <c>videopipe run</c>; optionally writes a seam report. See docs/reconstruct.md.
/// </summary>
internal static class ReconstructCommand
{
    /// <summary>The stage of stream-reconstruct.json that scores the output against a second read of the source.</summary>
    private const string MetricsStage = "metrics";

    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "video to reconstruct; - reads a stream (e.g. nut) from stdin" };
        var output = new Argument<string>("output") { Description = "reconstructed video (container from the extension: mp4, mkv, nut; or --format); - writes a stream to stdout" };
        var tokenizer = new Option<string>("--tokenizer") { Description = "a preset (e.g. odvae-v1.2, z16_dim64) or a family id (odvae, ivvae, cdt) with --config", Required = true };
        var weights = new Option<string>("--weights") { Description = "checkpoint file or folder", Required = true };
        var config = new Option<string?>("--config") { Description = "the family's upstream config (JSON; a golden case.json also works)" };
        var tileFrames = new Option<int?>("--tile-frames") { Description = "frames per tile (streaming: first chunk, later chunks leave out one frame; default 17 streaming, the card's default otherwise)" };
        var overlap = new Option<string>("--overlap") { Description = "overlap tiling only: drop or blend the shared frames", DefaultValueFactory = _ => "drop" };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:i]", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or bfloat16", DefaultValueFactory = _ => "float32" };
        var seed = new Option<long?>("--seed") { Description = "noise seed for generative decoders (cdt)" };
        var seamReport = new Option<string?>("--seam-report") { Description = "folder for seams.json and seams.png (per-frame PSNR, tile boundaries)" };
        var seamWholeMaxFrames = new Option<int>("--seam-whole-max-frames") { Description = "seam report: also compare with a whole-clip reconstruction for inputs up to N frames (0 = never)", DefaultValueFactory = _ => WholeClipComparison.DefaultMaxFrames };
        var format = new Option<string?>("--format") { Description = "output container (default: from the output's extension; nut for -)" };
        format.AcceptOnlyFromAmong("mp4", "mkv", "nut");
        var plugins = SharedOptions.Plugins();
        var command = new Command("reconstruct", "Video -> latents -> video with bounded memory (streaming sessions where the family has them).")
        {
            input, output, tokenizer, weights, config, tileFrames, overlap, device, dtype, seed, seamReport, seamWholeMaxFrames, format, plugins,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromStdin = StandardStreams.IsDash(parse.GetValue(input));
            var toStdout = StandardStreams.IsDash(parse.GetValue(output));
            if (toStdout)
            {
                StdoutForData.Reserve();
            }

            var reportDir = parse.GetValue(seamReport);
            if (fromStdin && reportDir is not null)
            {
                Console.Error.WriteLine("videopipe reconstruct: --seam-report scores the reconstruction against the source, so it reads the input a second time; stdin (input -) can be read only once. Reconstruct from a file to get a seam report.");
                return (int)PipelineOutcome.Invalid;
            }

            var builder = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? []);
            var card = await ResolveCard(parse.GetValue(plugins) ?? [], parse.GetValue(tokenizer)!);
            if (card is not var (family, preset, found))
            {
                Console.Error.WriteLine($"videopipe reconstruct: no installed family or preset named '{parse.GetValue(tokenizer)}'");
                return (int)PipelineOutcome.Invalid;
            }

            // Metrics read the source again; stdin cannot be, so they are left out for it.
            var metricsDir = fromStdin ? null : reportDir ?? Directory.CreateTempSubdirectory("videopipe-reconstruct-").FullName;
            var streaming = found.ExactCausalStreaming;
            var tile = parse.GetValue(tileFrames);
            var overrides = new List<string>
            {
                $"tokenizers.model.family={family}",
                $"tokenizers.model.preset={(preset is null ? "null" : JsonSerializer.Serialize(preset))}",
                $"tokenizers.model.weights={Path.GetFullPath(parse.GetValue(weights)!)}",
                $"tokenizers.model.config={(parse.GetValue(config) is { } c ? Path.GetFullPath(c) : "null")}",
                $"defaults.device={parse.GetValue(device)}",
                $"defaults.dtype={parse.GetValue(dtype)}",
                $"stages.source.options.files=[{JsonSerializer.Serialize(fromStdin ? StandardStreams.Dash : Path.GetFullPath(parse.GetValue(input)!))}]",
                $"stages.decode.options.sizeMultiple={Math.Max(1, found.SpatialAlignment)}",
                $"stages.chunk.options.mode={(streaming ? "causal" : "overlap")}",
                $"stages.chunk.options.tileFrames={tile ?? (streaming ? 17 : found.DefaultTileFrames)}",
                $"stages.chunk.options.overlapFrames={(streaming ? 0 : found.DefaultTileOverlapFrames)}",
                $"stages.encode.options.streaming={(streaming ? "true" : "false")}",
                $"stages.decode-latents.options.streaming={(streaming ? "true" : "false")}",
                $"stages.stitch.options.overlap={parse.GetValue(overlap)}",
                $"stages.write.options.file={JsonSerializer.Serialize(toStdout ? StandardStreams.Dash : Path.GetFullPath(parse.GetValue(output)!))}",
            };
            if (metricsDir is not null)
            {
                overrides.Add($"stages.metrics.options.directory={JsonSerializer.Serialize(Path.GetFullPath(metricsDir))}");
            }
            else
            {
                Console.Error.WriteLine("videopipe reconstruct: input is stdin; metrics against the source are skipped (stdin cannot be read a second time)");
            }

            if (parse.GetValue(format) is { } container)
            {
                overrides.Add($"stages.write.options.format={container}");
            }

            if (parse.GetValue(seed) is { } s)
            {
                overrides.Add($"stages.decode-latents.options.seed={s}");
            }

            using var whole = reportDir is null ? null
                : await WholeClipComparison.PlanAsync(PipelinePath(), overrides, parse.GetValue(plugins) ?? [], parse.GetValue(input)!, parse.GetValue(seamWholeMaxFrames), cancellationToken);
            builder.Services.AddSingleton(new RunRequest(PipelinePath(), [.. whole?.MainRunOverrides() ?? [], .. overrides], null, fromStdin ? [MetricsStage] : null));
            builder.Services.AddHostedService<PipelineRunService>();
            var code = await VideoPipeHost.RunAsync(builder.Build());
            if (code == 0 && whole is not null)
            {
                await SeamReport.WriteAsync(reportDir!, found.FrameRule, streaming, tile ?? (streaming ? 17 : found.DefaultTileFrames), streaming ? 0 : found.DefaultTileOverlapFrames, whole, cancellationToken);
            }

            if (reportDir is null && metricsDir is not null)
            {
                Directory.Delete(metricsDir, recursive: true);
            }

            return code;
        });
        return command;
    }

    /// <summary>The card of a family id (its first preset's card) or of the family offering the preset.</summary>
    private static async Task<(string Family, string? Preset, TokenizerCard Card)?> ResolveCard(string[] pluginDirectories, string name)
    {
        using var host = VideoPipeHost.CreateBuilder(pluginDirectories, quiet: true).Build();
        await using var catalog = host.Services.GetRequiredService<PluginCatalog>();
        catalog.Refresh();
        using var components = catalog.Acquire();
        foreach (var f in components.Families.Values)
        {
            if (string.Equals(f.Family, name, StringComparison.OrdinalIgnoreCase) && f.Presets.Count > 0)
            {
                return (f.Family, null, f.DescribePreset(f.Presets[0]));
            }

            if (f.Presets.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) is { } match)
            {
                return (f.Family, match, f.DescribePreset(match));
            }
        }

        return null;
    }

    /// <summary>pipelines/stream-reconstruct.json next to the program or in a folder above it (a checkout).</summary>
    private static string PipelinePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "pipelines", "stream-reconstruct.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("pipelines/stream-reconstruct.json not found next to the program or above it");
    }
}

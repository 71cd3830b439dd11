using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Engine;
using VideoPipe.Engine.Stages;
using VideoPipe.Jobs;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe reconstruct in out --tokenizer ...</c>: the reconstruction graph built in code
/// (<see cref="ReconstructGraph"/>: streaming sessions and causal chunks for exact-streaming families, overlap tiling
/// with the card's defaults otherwise), run in one Generic Host through the same runner as <c>videopipe run</c>;
/// optionally writes a seam report whose whole-clip comparison reuses the loaded plugins. See docs/reconstruct.md.
/// </summary>
internal static class ReconstructCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "video to reconstruct; - reads a stream (e.g. nut) from stdin" };
        var output = new Argument<string>("output") { Description = "reconstructed video (container from the extension: mp4, mkv, nut; or --format); - writes a stream to stdout" };
        var tokenizer = SharedOptions.Tokenizer();
        var weights = SharedOptions.Weights();
        var config = new Option<string?>("--config") { Description = "the family's upstream config (JSON; a golden case.json also works)" };
        var tileFrames = new Option<int?>("--tile-frames") { Description = "frames per tile (streaming: first chunk, later chunks leave out one frame; default 17 streaming, the card's default otherwise)" };
        var overlap = new Option<string?>("--overlap") { Description = "overlap tiling only: drop or blend the shared frames (default: as the tokenizer card says; blend for ProMAG, drop otherwise)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda[:i]", DefaultValueFactory = _ => "cpu" };
        var dtype = new Option<string>("--dtype") { Description = "float32 or bfloat16", DefaultValueFactory = _ => "float32" };
        var seed = new Option<long?>("--seed") { Description = "noise seed for generative decoders (cdt)" };
        var seamReport = new Option<string?>("--seam-report") { Description = "folder for seams.json and seams.png (per-frame PSNR, tile boundaries)" };
        var seamWholeMaxFrames = new Option<int>("--seam-whole-max-frames") { Description = "seam report: also compare with a whole-clip reconstruction for inputs up to N frames (0 = never)", DefaultValueFactory = _ => WholeClipComparison.DefaultMaxFrames };
        var lossless = new Option<bool>("--lossless") { Description = "write FFV1 (lossless RGB; use an mkv or nut output) instead of H.264, e.g. to score the reconstruction exactly with compare" };
        var format = new Option<string?>("--format") { Description = "output container (default: from the output's extension; nut for -)" };
        format.AcceptOnlyFromAmong("mp4", "mkv", "nut");
        overlap.AcceptOnlyFromAmong("drop", "blend");
        var settings = SharedOptions.Setting();
        var plugins = SharedOptions.Plugins();
        var command = new Command("reconstruct", "Video -> latents -> video with bounded memory (streaming sessions where the family has them).")
        {
            input, output, tokenizer, weights, config, tileFrames, overlap, device, dtype, seed, settings, seamReport, seamWholeMaxFrames, lossless, format, plugins,
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

            // Metrics read the source again; stdin cannot be, so they are left out for it.
            var metricsDir = fromStdin ? null : reportDir ?? Directory.CreateTempSubdirectory("videopipe-reconstruct-").FullName;
            if (metricsDir is null)
            {
                Console.Error.WriteLine("videopipe reconstruct: input is stdin; metrics against the source are skipped (stdin cannot be read a second time)");
            }

            if (SharedOptions.ResolveSettings("reconstruct", parse.GetValue(settings)) is not { } familySettings)
            {
                return (int)PipelineOutcome.Invalid;
            }

            if (SharedOptions.ResolveModel("reconstruct", parse.GetValue(tokenizer), parse.GetValue(weights), parse.GetValue(config), randomWeightsSeed: null) is not { } model)
            {
                return (int)PipelineOutcome.Invalid;
            }

            var request = new ReconstructRequest
            {
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Tokenizer = model.Tokenizer,
                WeightsPath = model.WeightsPath!,
                ConfigPath = model.ConfigPath,
                TileFrames = parse.GetValue(tileFrames),
                Overlap = parse.GetValue(overlap),
                Device = parse.GetValue(device)!,
                DType = parse.GetValue(dtype)!,
                Seed = parse.GetValue(seed),
                Settings = familySettings,
                Lossless = parse.GetValue(lossless),
                Format = parse.GetValue(format),
                MetricsDirectory = metricsDir,
            };
            using var whole = reportDir is null ? null : await WholeClipComparison.PlanAsync(request.Input, parse.GetValue(seamWholeMaxFrames), cancellationToken);
            ReconstructPlan? plan = null;
            var builder = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? []);
            builder.Services.AddSingleton(new RunRequest("reconstruct", [], null)
            {
                // One host: the graph is built from the plugins it loaded, and the seam report's whole-clip run reuses them.
                Build = (components, _, _) =>
                {
                    plan = ReconstructGraph.Resolve(request, components);
                    return Task.FromResult(ReconstructGraph.Streamed(request, plan, whole?.StreamedCopy));
                },
                Then = whole is null ? null : async followUp =>
                {
                    await SeamReport.WriteAsync(reportDir!, plan!, whole, frames => whole.CompareAsync(frames, request, plan!, followUp.Run, followUp.CancellationToken), followUp.CancellationToken);
                    return followUp.Result.ExitCode;
                },
            });
            builder.Services.AddHostedService<PipelineRunService>();
            var code = await VideoPipeHost.RunAsync(builder.Build());
            if (reportDir is null && metricsDir is not null)
            {
                Directory.Delete(metricsDir, recursive: true);
            }

            return code;
        });
        return command;
    }
}

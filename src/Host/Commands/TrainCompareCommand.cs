using System.CommandLine;
using VideoPipe.Jobs.Training;
using VideoPipe.Reports;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe train compare run-dir... --out chart.png [--metric eval_psnr]</c>: one metric of several runs over
/// their steps in one chart, a curve per run named after its folder (e.g. an initialization ablation); --offset shifts
/// a run's steps so stages that continue one another line up against a run trained in one go.
/// </summary>
internal static class TrainCompareCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-dirs") { Description = "run directories (each with metrics.jsonl)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "the PNG to write", Required = true };
        var metric = new Option<string>("--metric") { Description = "a metrics.jsonl field: eval_psnr, eval_ssim, loss, l1, ...", DefaultValueFactory = _ => "eval_psnr" };
        var title = new Option<string?>("--title") { Description = "chart title (default: the metric over training steps)" };
        var offsets = new Option<string[]>("--offset")
        {
            Description = "run-dir=steps: draw that run's steps shifted by steps (e.g. a growth stage after the steps of the stages before it); repeatable",
        };
        var command = new Command("compare", "Plot one metric of several runs against training steps in one chart.") { runs, output, metric, title, offsets };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(metric)!;
            var shifts = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var offset in parse.GetValue(offsets) ?? [])
            {
                var eq = offset.LastIndexOf('=');
                if (eq <= 0 || !long.TryParse(offset[(eq + 1)..], out var steps) || steps < 0)
                {
                    Console.Error.WriteLine($"videopipe train compare: --offset '{offset}' is not run-dir=steps (steps >= 0)");
                    return 2;
                }

                shifts[Path.TrimEndingDirectorySeparator(Path.GetFullPath(offset[..eq]))] = steps;
            }

            var series = new List<ChartSeries>();
            foreach (var directory in parse.GetValue(runs)!)
            {
                var run = new TrainingRunDirectory(directory);
                if (!File.Exists(run.MetricsPath))
                {
                    Console.Error.WriteLine($"videopipe train compare: {run.Root} has no metrics.jsonl");
                    return 2;
                }

                var rows = new MetricsLog(run.MetricsPath).ReadRows().Where(r => r.Values.ContainsKey(name)).ToList();
                if (rows.Count == 0)
                {
                    Console.Error.WriteLine($"videopipe train compare: {run.MetricsPath} has no '{name}' value");
                    return 2;
                }

                var shift = shifts.Remove(Path.TrimEndingDirectorySeparator(run.Root), out var steps) ? steps : 0;
                series.Add(new ChartSeries(Path.GetFileName(run.Root), rows.Select(r => (double)(r.Step + shift)).ToArray(), rows.Select(r => r.Values[name]).ToArray()));
            }

            if (shifts.Count > 0)
            {
                Console.Error.WriteLine($"videopipe train compare: --offset names runs that are not compared: {string.Join(", ", shifts.Keys)}");
                return 2;
            }

            var chart = new LineChart
            {
                Title = parse.GetValue(title) ?? $"{name} over training steps",
                XLabel = "step",
                YLabel = name.Contains("psnr", StringComparison.Ordinal) ? $"{name} (dB)" : name,
                Series = series,
            };
            await LineChartPng.SaveAsync(chart, parse.GetValue(output)!, cancellationToken);
            Console.WriteLine($"wrote {parse.GetValue(output)} ({series.Count} runs)");
            return 0;
        });
        return command;
    }
}

using System.Diagnostics;
using System.Globalization;
using VideoPipe.Bench.Precompute;
using VideoPipe.Torch;

// Precompute throughput (issue 8): (a) the encoder alone on clips decoded up front vs (b) `precompute` end to end
// on the same clips, interleaved a, b, a, b ... ; medians and their ratio (target: b / a >= 0.9).
var bench = BenchOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
TorchRuntime.SetThreads(bench.Threads);
var work = bench.Work ?? Path.Combine(Path.GetTempPath(), "vp-bench-precompute-" + Environment.ProcessId);
var input = await BenchVideos.CreateAsync(Path.Combine(work, "videos"), bench);
try
{
    var options = BenchTokenizer.Options(bench, input, Path.Combine(work, "out-load"));
    var watch = Stopwatch.StartNew();
    using var tokenizer = await BenchTokenizer.LoadAsync(options);
    Console.WriteLine(string.Create(inv,
        $"precompute bench: {tokenizer.Card.Family} {tokenizer.Card.Variant} ({bench.Model}), {bench.Videos} videos x {bench.Clips} clips of {bench.ClipFrames}x{bench.Size}x{bench.Size}, threads {TorchRuntime.Threads}, decode workers {bench.DecodeWorkers}, decode nice {options.DecodeNice}, {Environment.ProcessorCount} cores, model load {watch.Elapsed.TotalSeconds:F2} s, load {Measurement.LoadAverage()}"));

    if (bench.Costs)
    {
        Console.WriteLine("stage costs (each alone):");
        await StageCosts.RunAsync(options with { OutputDirectory = Path.Combine(work, "out-costs") }, tokenizer);
    }

    var (alone, endToEnd) = (new List<Measurement>(), new List<Measurement>());
    for (var r = 0; r < bench.Repeat; r++)
    {
        var a = await EncoderAlone.RunAsync(options with { OutputDirectory = Path.Combine(work, $"out-a{r}") }, tokenizer);
        Console.WriteLine($"run {r} (a) encoder alone: {a}");
        var b = await EndToEnd.RunAsync(options with { OutputDirectory = Path.Combine(work, $"out-b{r}") }, tokenizer, a.Clips);
        Console.WriteLine($"run {r} (b) end to end:    {b}");
        (alone, endToEnd) = ([.. alone, a], [.. endToEnd, b]);
    }

    var medianAlone = StageCosts.Median([.. alone.Select(m => m.ClipsPerSecond)]);
    var medianEndToEnd = StageCosts.Median([.. endToEnd.Select(m => m.ClipsPerSecond)]);
    var pairRatios = alone.Zip(endToEnd, (a, b) => b.ClipsPerSecond / a.ClipsPerSecond).ToList();
    Console.WriteLine(string.Create(inv,
        $"median of {bench.Repeat}: (a) encoder alone {medianAlone:F3} clips/s, (b) end to end {medianEndToEnd:F3} clips/s, ratio b/a {medianEndToEnd / medianAlone:F3} (per pair: {string.Join(", ", pairRatios.Select(x => x.ToString("F3", inv)))}), load {Measurement.LoadAverage()}"));
}
finally
{
    if (bench.Work is null)
    {
        Directory.Delete(work, recursive: true);
    }
}

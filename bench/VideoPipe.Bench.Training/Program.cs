using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Bench;
using VideoPipe.Plugins.IvVae;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Torch;
using VideoPipe.Torch.Losses;
using VideoPipe.Torch.Optim;

// One training step (forward + L1/KL loss + backward + AdamW with clipping) of a family built from a config, with
// random weights, timed step by step; peak and current RSS at checkpoints of a long run show whether memory is flat.
// usage: VideoPipe.Bench.Training <odvae|ivvae> <case.json or config.json> [frames] [size] [batch] [threads] [steps]
var inv = CultureInfo.InvariantCulture;
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: VideoPipe.Bench.Training <odvae|ivvae> <case.json|config.json> [frames=17] [size=64] [batch=2] [threads=2] [steps=3]");
    return 2;
}

var family = args[0];
var (frames, size, batch, threads, steps) = (Arg(2, 17), Arg(3, 64), Arg(4, 2), Arg(5, 2), Arg(6, 3));
TorchRuntime.SetThreads(threads);
using var doc = JsonDocument.Parse(File.ReadAllText(args[1]));
var config = doc.RootElement.TryGetProperty("config", out var c) ? c : doc.RootElement;
var request = new TokenizerRequest { Config = config, RandomWeightsSeed = 1, DeviceContext = CpuDeviceContext.Instance };
using var tokenizer = (ITrainableTokenizer)(family switch
{
    "odvae" => new OdVaeFamily().CreateTokenizer(request),
    "ivvae" => new IvVaeFamily().CreateTokenizer(request),
    _ => throw new ArgumentException($"unknown family '{family}' (odvae, ivvae)"),
});
tokenizer.SetTraining(true);
var parameters = tokenizer.Parameters();
using (var g0 = new Generator(3))
{
    DefaultInitialization.Apply(parameters.Select(p => (p.Name, p.Value)).ToList(), g0);
}
using var optimizer = new AdamW(
    [new ParameterGroup(parameters.Where(p => !p.NoWeightDecay).Select(p => p.Value).ToList()), new ParameterGroup(parameters.Where(p => p.NoWeightDecay).Select(p => p.Value).ToList()) { WeightDecay = 0 }],
    learningRate: 1e-3, beta1: 0.9, beta2: 0.999, weightDecay: 0.01);
using var generator = new Generator(7);
Tensor MakeVideo()
{
    using var u0 = Tensor.Rand(generator, [batch, 3, 1, size / 8, size / 8]);
    using var u = Functional.Interpolate(u0.Reshape(batch, 3, size / 8, size / 8), [size, size], InterpolationMode.Bicubic).Reshape(batch, 3, 1, size, size).Expand(batch, 3, frames, size, size).Contiguous();
    return u * 2.0 - 1.0;
}
var video = MakeVideo();
Console.WriteLine(string.Create(inv, $"train-step {family} {Path.GetFileName(args[1])} clip {batch}x3x{frames}x{size}x{size} threads {TorchRuntime.Threads} params {parameters.Sum(p => p.Value.Numel):N0} libtorch {TorchRuntime.LibTorchVersion}"));
var walls = new List<double>();
for (var step = 1; step <= steps; step++)
{
    var (sw, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
    double lossValue;
    TimeSpan forwardTime, backwardTime;
    // VIDEOPIPE_BENCH_TRACE=<file>: a Chrome trace of every operator of step 2 (forward and backward)
    using var profile = step == 2 && Environment.GetEnvironmentVariable("VIDEOPIPE_BENCH_TRACE") is { Length: > 0 } trace ? OperatorProfile.Begin(trace) : null;
    video.Dispose();
    video = MakeVideo();
    using (GradMode.Enable())
    using (var scope = DisposeScope.Enter())
    {
        using var forward = tokenizer.Forward(video, new TrainingForwardOptions { Generator = generator, SamplePosterior = Environment.GetEnvironmentVariable("SAMPLE") != "0" });
        var loss = PixelLosses.L1(forward.Reconstruction!, video, LossReduction.SumOverBatch)
            + PixelLosses.Reduce(GaussianPosterior.KlDivergence(forward.PosteriorMean!, forward.PosteriorLogVar!), LossReduction.SumOverBatch) * 1e-6;
        forwardTime = sw.Elapsed;
        loss.Backward();
        backwardTime = sw.Elapsed - forwardTime;
        lossValue = loss.Item();
    }

    GradientClipping.ClipGradNorm(parameters.Select(p => p.Value), 1.0);
    optimizer.Step();
    optimizer.ZeroGrad();
    sw.Stop();
    walls.Add(sw.Elapsed.TotalSeconds);
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    if (steps <= 30 || step <= 5 || step % 10 == 0 || step == steps)
    {
        Console.WriteLine(string.Create(inv, $"step {step}: wall {sw.Elapsed.TotalSeconds:F3} s (forward {forwardTime.TotalSeconds:F3}, backward {backwardTime.TotalSeconds:F3}), cpu {cpuSeconds:F2} s, loss {lossValue:F1}, rss {PeakMemory.CurrentMiB():F0} MiB, peak {PeakMemory.PeakMiB():F0} MiB"));
    }
}

var sorted = walls.Skip(1).DefaultIfEmpty(walls[0]).Order().ToList();
Console.WriteLine(string.Create(inv, $"median wall per step (after the first) {sorted[sorted.Count / 2]:F3} s, min {sorted[0]:F3} s, max {sorted[^1]:F3} s"));
return 0;

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], inv) : fallback;

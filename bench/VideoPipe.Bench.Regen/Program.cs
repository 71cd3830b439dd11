using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Bench;
using VideoPipe.Plugins.Regen;
using VideoPipe.Torch;

// REGEN's sampling cost (issue 18 point 5): decode time per frame of one chunk (1 + k frames from two latent
// frames) at each number of sampler steps, with seeded random weights (the cost does not depend on the values).
//   VideoPipe.Bench.Regen [preset=regen-xs] [size=64] [steps=1,4,16] [threads=2] [repeats=3]
var inv = CultureInfo.InvariantCulture;
string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
var preset = Arg(0, RegenPresets.Xs);
var size = int.Parse(Arg(1, "64"), inv);
var stepCounts = Arg(2, "1,4,16").Split(',').Select(s => int.Parse(s, inv)).ToArray();
var threads = int.Parse(Arg(3, "2"), inv);
var repeats = int.Parse(Arg(4, "3"), inv);
TorchRuntime.SetThreads(threads);

using var tokenizer = new RegenFamily().Create(new TokenizerRequest { Preset = preset, RandomWeightsSeed = 1, DeviceContext = CpuDeviceContext.Instance });
var frames = 1 + RegenPresets.Get(preset).TemporalRatio;
using var generator = new Generator(3);
using var noise = Tensor.Rand(generator, [1, 3, frames, size, size]);
using var video = noise * 2.0 - 1.0;
using var latent = tokenizer.Encode(video, EncodeOptions.Default);
Console.WriteLine(string.Create(inv, $"regen decode {preset}: {frames} frames {size}x{size} from latent [{string.Join(", ", latent.Shape)}], threads {TorchRuntime.Threads}, {repeats} repeats after a warm-up"));
foreach (var steps in stepCounts)
{
    var options = new DecodeOptions { Seed = 7, Settings = new RegenSettings { Steps = steps }.ToSettings() };
    using (tokenizer.Decode(latent, options))
    {
    }

    var walls = new List<double>();
    for (var r = 0; r < repeats; r++)
    {
        var sw = Stopwatch.StartNew();
        using var decoded = tokenizer.Decode(latent, options);
        walls.Add(sw.Elapsed.TotalSeconds);
    }

    walls.Sort();
    var median = walls[walls.Count / 2];
    Console.WriteLine(string.Create(inv, $"steps {steps,2}: {median:F3} s per chunk, {median / frames * 1000:F1} ms per frame (min {walls[0]:F3}, max {walls[^1]:F3} s), peak RSS {PeakMemory.PeakMiB():F0} MiB"));
}

using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt;
using VideoPipe.Torch;

namespace VideoPipe.Bench.Cdt;

/// <summary>Whole-clip encode then decode (upstream's defaults: one chunk at small sizes, 1 DDIM step), timed separately.</summary>
public static class ClipBench
{
    public static int Run(BenchOptions o)
    {
        using var tokenizer = BenchModel.Create(o);
        var afterLoad = PeakMemory.CurrentMiB();
        using var generator = new Generator(42);
        using var video = BenchModel.Clip(generator, o.Frames, o.Size);

        var watch = Stopwatch.StartNew();
        using var latent = tokenizer.Encode(video, EncodeOptions.Default);
        var encodeSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        using var recon = tokenizer.Decode(latent, new DecodeOptions
        {
            Seed = 0,
            Settings = new CdtSettings { Steps = o.Steps }.ToSettings(),
        });
        var decodeSeconds = watch.Elapsed.TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {o.Preset} | {o.DType.TorchName()} | {o.Kernel} | {o.Threads} | {o.Frames}x{o.Size}x{o.Size} | {encodeSeconds:F2} | {decodeSeconds:F2} | {afterLoad:F0} | {PeakMemory.PeakMiB():F0} | [{string.Join(",", latent.Shape)}] -> [{string.Join(",", recon.Shape)}] |"));
        return 0;
    }
}

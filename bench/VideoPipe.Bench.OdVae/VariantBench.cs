using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Torch;

namespace VideoPipe.Bench.OdVae;

/// <summary>
/// Encode time of the paper's variants 1-4 (--op variants) at one clip size and thread count, compared with the
/// OD-VAE paper's Table 3. The four models (random weights, seed 1) stay loaded and the runs go round-robin, so
/// a change in the shared machine's load falls on every variant alike; the first encode of each is a warm-up.
/// </summary>
internal static class VariantBench
{
    /// <summary>Table 3, CSpeed: 81x256x256 clips on the authors' GPU; variants 3 and 4 share the encoder.</summary>
    private static readonly double[] PaperItPerSecond = [2.15, 2.44, 4.13, 4.13];

    private const int PaperFrames = 81;
    private const int PaperSize = 256;

    public static void Run(BenchOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        var presets = OdVaePresets.PaperVariants;
        var tokenizers = new List<OdVaeTokenizer>();
        try
        {
            foreach (var preset in presets)
            {
                tokenizers.Add(new OdVaeFamily().CreateTokenizer(new TokenizerRequest
                {
                    Preset = preset,
                    RandomWeightsSeed = 1,
                    DeviceContext = CpuDeviceContext.Instance,
                    DType = options.DType,
                }));
            }

            using var generator = new Generator(7);
            using var noise = Tensor.Rand(generator, [1, 3, options.Frames, options.Size, options.Size]);
            using var video = noise * 2.0 - 1.0;
            var encode = new EncodeOptions { Scaled = false };
            Console.WriteLine(string.Create(inv, $"odvae variants encode, {options.DType.TorchName()}, clip {options.Frames}x{options.Size}x{options.Size}, threads {TorchRuntime.Threads}, {options.Repeat} timed runs each after one warm-up, libtorch {TorchRuntime.LibTorchVersion}"));
            var wall = presets.Select(_ => new List<double>()).ToArray();
            var cpu = presets.Select(_ => new List<double>()).ToArray();
            for (var run = -1; run < options.Repeat; run++)
            {
                for (var v = 0; v < presets.Count; v++)
                {
                    var (clock, cpuBefore) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
                    using (tokenizers[v].Encode(video, encode))
                    {
                    }

                    if (run >= 0)
                    {
                        wall[v].Add(clock.Elapsed.TotalSeconds);
                        cpu[v].Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
                    }
                }
            }

            // The fastest run is the one least disturbed by the other processes of a shared machine.
            Console.WriteLine("| variant | encoder params | conv GMAC, this clip | wall s, min / median | CPU s, min | speed vs variant 1: wall min / CPU min / conv MACs | conv-MAC speed vs variant 1 at 81x256x256 | paper it/s | paper speed vs variant 1 |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            var macs = tokenizers.Select((t, v) => EncoderMacs.Count(t.Model, OdVaePresets.Get(presets[v]), options.Frames, options.Size)).ToArray();
            var paperMacs = tokenizers.Select((t, v) => EncoderMacs.Count(t.Model, OdVaePresets.Get(presets[v]), PaperFrames, PaperSize)).ToArray();
            for (var v = 0; v < presets.Count; v++)
            {
                var model = tokenizers[v].Model;
                var encoderParams = model.Encoder.ParameterCount() + (model.QuantConv?.ParameterCount() ?? 0);
                Console.WriteLine(string.Create(inv, $"| {presets[v]} | {encoderParams:N0} | {macs[v] / 1e9:F1} | {wall[v].Min():F2} / {Median(wall[v]):F2} | {cpu[v].Min():F2} | {wall[0].Min() / wall[v].Min():F2} / {cpu[0].Min() / cpu[v].Min():F2} / {macs[0] / macs[v]:F2} | {paperMacs[0] / paperMacs[v]:F2} | {PaperItPerSecond[v]:F2} | {PaperItPerSecond[v] / PaperItPerSecond[0]:F2} |"));
            }

            Console.WriteLine(string.Create(inv, $"all runs, wall s (CPU s): {string.Join("; ", presets.Select((p, v) => $"{p} {string.Join(" ", wall[v].Select((s, r) => $"{s:F2} ({cpu[v][r]:F2})"))}"))}"));
            Console.WriteLine(string.Create(inv, $"peak rss {PeakMemory.PeakMiB():F0} MiB"));
        }
        finally
        {
            foreach (var tokenizer in tokenizers)
            {
                tokenizer.Dispose();
            }
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Cdt;
using VideoPipe.Torch;

namespace VideoPipe.Bench.Cdt;

/// <summary>
/// A long clip streamed through an encode session and a decode session, frames generated chunk by chunk so
/// the whole clip never exists: peak memory should not grow with the clip length.
/// </summary>
public static class StreamBench
{
    public static int Run(BenchOptions o)
    {
        using var tokenizer = BenchModel.Create(o);
        var afterLoad = PeakMemory.CurrentMiB();
        using var generator = new Generator(42);
        var chunk = o.ChunkFrames ?? 4;
        var settings = new CdtSettings { ChunkFrames = chunk, ChunkLatentFrames = 1 }.ToSettings();
        using var encoder = tokenizer.BeginEncode(new EncodeOptions { Settings = settings });
        using var decoder = tokenizer.BeginDecode(new DecodeOptions { Seed = 0, Settings = settings });

        var watch = Stopwatch.StartNew();
        long latentFrames = 0, outputFrames = 0;
        void Consume(Tensor? latents)
        {
            if (latents is null)
            {
                return;
            }

            latentFrames += latents.Size(2);
            using (latents)
            using (var frames = decoder.Push(latents))
            {
                outputFrames += frames?.Size(2) ?? 0;
            }
        }

        for (long done = 0; done < o.Frames;)
        {
            var n = done == 0 ? 1 : Math.Min(chunk, o.Frames - done);
            using (var frames = BenchModel.Clip(generator, n, o.Size))
            {
                Consume(encoder.Push(frames));
            }

            done += n;
        }

        Consume(encoder.Complete());
        using (var rest = decoder.Complete())
        {
            outputFrames += rest?.Size(2) ?? 0;
        }

        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {o.Preset} | stream | {o.Threads} | {o.Frames}x{o.Size}x{o.Size} | {latentFrames} latent -> {outputFrames} frames | {seconds:F1} | {seconds / o.Frames:F2} | {afterLoad:F0} | {PeakMemory.PeakMiB():F0} |"));
        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Precompute;
using VideoPipe.Engine;

namespace VideoPipe.Bench.Precompute;

/// <summary>
/// (--costs) Each cost end to end pays and the encoder alone does not, timed on its own: per source the content hash,
/// the probe and the whole decode (one ffmpeg per source, hash and probe included); per clip the store (safetensors
/// in staging, fsync, rename), the fsync share of it, and the ledger line (written and fsynced).
/// </summary>
internal static class StageCosts
{
    public static async Task RunAsync(PrecomputeOptions options, BenchModel tokenizer)
    {
        var run = new BenchRun(options, tokenizer);
        var prober = new VideoProber();
        var clips = new List<ClipToEncode>();
        foreach (var source in run.Sources)
        {
            var hash = await Time(() => ContentHasher.Sha256Async(source.FullPath, CancellationToken.None));
            var probe = await Time(() => prober.ProbeAsync(source.FullPath));
            var decoded = new List<ClipToEncode>();
            var decode = await Measurement.TimeAsync(0, async () => decoded = await run.DecodeAsync(source));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {source.Key}: hash {hash * 1e3:F1} ms, probe {probe * 1e3:F1} ms, decode to {decoded.Count} clips {decode.WallSeconds * 1e3:F0} ms (cpu {decode.CpuSeconds * 1e3:F0} ms here + {decode.ChildCpuSeconds * 1e3:F0} ms ffmpeg)"));
            clips.AddRange(decoded);
        }

        var encoder = new ClipEncoder(tokenizer.Tokenizer, CpuDeviceContext.Instance, options);
        var metadata = new MetadataFactory(run.Context.Configuration);
        await run.Store.PrepareAsync(CancellationToken.None);
        var store = new List<double>();
        long bytes = 0;
        foreach (var clip in clips)
        {
            var latent = encoder.Encode(clip.Video, encoder.OptionsFor(null));
            using var encoded = new ClipEncoded(clip.Clip, latent, metadata.Create(clip.Clip, latent, null), 1, 0);
            store.Add(await Time(async () => bytes = (await run.Store.AddAsync(encoded, CancellationToken.None))[0].Bytes));
            clip.Dispose();
        }

        var (withFsync, withoutFsync) = FsyncCost(run.Context.Layout.StagingDirectory(ShardSpec.Single), (int)bytes, clips.Count);
        await using var ledger = await ShardLedger.OpenAsync(Path.Combine(options.OutputDirectory, "bench-ledger.jsonl"), TimeProvider.System, CancellationToken.None);
        var lines = new List<double>();
        foreach (var clip in clips)
        {
            lines.Add(await Time(() => ledger.AppendAsync(new LedgerRecord { Event = LedgerEvent.Done, Item = clip.Clip.ItemId, Source = clip.Clip.Source.Key, Bytes = bytes }, CancellationToken.None)));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per clip: store {Median(store) * 1e3:F1} ms ({bytes} bytes; a raw write of that size {withoutFsync * 1e3:F2} ms, with fsync {withFsync * 1e3:F2} ms), ledger line {Median(lines) * 1e3:F2} ms"));
    }

    /// <summary>Median seconds of writing <paramref name="bytes"/> to a new file with and without flushing it to disk.</summary>
    private static (double WithFsync, double WithoutFsync) FsyncCost(string folder, int bytes, int files)
    {
        var data = new byte[bytes];
        var (synced, unsynced) = (new List<double>(), new List<double>());
        for (var i = 0; i < Math.Max(files, 3); i++)
        {
            foreach (var flush in new[] { true, false })
            {
                var path = Path.Combine(folder, $"fsync-probe-{i}-{flush}");
                var watch = Stopwatch.StartNew();
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    stream.Write(data);
                    stream.Flush(flushToDisk: flush);
                }

                (flush ? synced : unsynced).Add(watch.Elapsed.TotalSeconds);
                File.Delete(path);
            }
        }

        return (Median(synced), Median(unsynced));
    }

    private static async Task<double> Time(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

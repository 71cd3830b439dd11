using VideoPipe.Abstractions;
using VideoPipe.Precompute;

namespace VideoPipe.Bench.Precompute;

/// <summary>(a) The encoder alone: every clip decoded into memory first, then only the encode calls are timed.</summary>
internal static class EncoderAlone
{
    public static async Task<Measurement> RunAsync(PrecomputeOptions options, BenchModel tokenizer)
    {
        var run = new BenchRun(options, tokenizer);
        var clips = new List<ClipToEncode>();
        foreach (var source in run.Sources)
        {
            clips.AddRange(await run.DecodeAsync(source));
        }

        var encoder = new ClipEncoder(tokenizer.Tokenizer, CpuDeviceContext.Instance, options);
        try
        {
            return await Measurement.TimeAsync(clips.Count, async () =>
            {
                foreach (var clip in clips)
                {
                    // On a thread-pool thread per clip, as the encode stage calls it.
                    using var latent = await Task.Run(() => encoder.Encode(clip.Video, encoder.OptionsFor(encoder.SeedFor(clip.Clip.ItemId))));
                }
            });
        }
        finally
        {
            clips.ForEach(c => c.Dispose());
        }
    }
}

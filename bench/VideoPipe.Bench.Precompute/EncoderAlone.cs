using VideoPipe.Abstractions;
using VideoPipe.Precompute;

namespace VideoPipe.Bench.Precompute;

/// <summary>(a) The encoder alone: every clip decoded into memory first, then only the encode calls are timed.</summary>
internal static class EncoderAlone
{
    public static async Task<Measurement> RunAsync(PrecomputeOptions options, LoadedTokenizer tokenizer)
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
            return await Measurement.TimeAsync(clips.Count, () =>
            {
                foreach (var clip in clips)
                {
                    using var latent = encoder.Encode(clip.Video, encoder.OptionsFor(encoder.SeedFor(clip.Clip.ItemId)));
                }

                return Task.CompletedTask;
            });
        }
        finally
        {
            clips.ForEach(c => c.Dispose());
        }
    }
}

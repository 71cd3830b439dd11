using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;
using VideoPipe.Precompute;

namespace VideoPipe.Bench.Precompute;

/// <summary>The precompute pipeline's own parts, outside the pipeline: a run context and its decoder.</summary>
internal sealed class BenchRun
{
    public BenchRun(PrecomputeOptions options, BenchModel tokenizer)
    {
        var configuration = new RunConfiguration(options, tokenizer.Card, tokenizer.ConfigJson, tokenizer.WeightsIdentity);
        var layout = new DatasetLayout(options.OutputDirectory, configuration.ShortFingerprint);
        Store = new SafetensorsLatentStore(layout, ShardSpec.Single, configuration.Fingerprint);
        Context = new RunContext(configuration, layout, ShardSpec.Single, LedgerState.From([]), Store);
        Sources = SourceListReader.Read(options.Input);
    }

    public RunContext Context { get; }

    public SafetensorsLatentStore Store { get; }

    public IReadOnlyList<SourceVideo> Sources { get; }

    /// <summary>Every clip of one source, decoded exactly as the precompute decode stage decodes it.</summary>
    public async Task<List<ClipToEncode>> DecodeAsync(SourceVideo source)
    {
        using var launcher = new LowPriorityLauncher(0);
        var decoder = new SourceDecoder(Context, new VideoProber(), new VideoReader(), launcher, NullLogger.Instance);
        var messages = Channel.CreateUnbounded<SourceMessage>();
        await decoder.DecodeAsync(source, (message, token) => messages.Writer.WriteAsync(message, token), CancellationToken.None);
        messages.Writer.Complete();
        var clips = new List<ClipToEncode>();
        await foreach (var message in messages.Reader.ReadAllAsync())
        {
            switch (message)
            {
                case ClipToEncode clip:
                    clips.Add(clip);
                    break;
                case SourceCompleted:
                    break;
                default:
                    throw new InvalidOperationException($"{source.Key}: decoding gave {message}");
            }
        }

        return clips;
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Engine;
using VideoPipe.Media;

namespace VideoPipe.Precompute;

/// <summary>Everything a precompute run needs; the CLI fills it from options (defaults mirror pipelines/precompute.json).</summary>
public sealed record PrecomputeOptions
{
    /// <summary>A folder, a glob, or a manifest (.jsonl / .csv).</summary>
    public required string Input { get; init; }

    public required string OutputDirectory { get; init; }

    /// <summary>A preset name (e.g. odvae-v1.2) or a family id (e.g. odvae).</summary>
    public required string Tokenizer { get; init; }

    public string? WeightsPath { get; init; }

    /// <summary>Upstream constructor config (JSON file) for the family.</summary>
    public string? TokenizerConfigPath { get; init; }

    /// <summary>Random weights from this seed instead of a checkpoint (benchmarks only).</summary>
    public ulong? RandomWeightsSeed { get; init; }

    public int? ClipFrames { get; init; }

    public int? ClipStride { get; init; }

    /// <summary>
    /// The most frames one clip may hold (clips are in memory whole). A source whose whole-video clip would be longer
    /// is quarantined as soon as decoding passes the limit.
    /// </summary>
    public int MaxClipFrames { get; init; } = ClipWindowing.DefaultMaxClipFrames;

    public double? Fps { get; init; }

    public FrameSize? Size { get; init; }

    /// <summary>Aspect-ratio buckets (instead of one <see cref="Size"/>): each source goes to the nearest (docs/precompute.md, "Buckets").</summary>
    public IReadOnlyList<Bucket> Buckets { get; init; } = [];

    public CropMode Crop { get; init; } = CropMode.Center;

    public ShardSpec Shard { get; init; } = ShardSpec.Single;

    public OutputFormat Format { get; init; } = OutputFormat.Safetensors;

    public PosteriorMode Posterior { get; init; } = PosteriorMode.Mean;

    /// <summary>Base seed for a sampled posterior; each item derives its own (recorded) seed from it.</summary>
    public ulong Seed { get; init; }

    /// <summary>Store latents with the card's scale/shift applied.</summary>
    public bool Scaled { get; init; } = true;

    public DType ModelDType { get; init; } = DType.Float32;

    public DType LatentDType { get; init; } = DType.Float32;

    /// <summary>"cpu" or "cuda[:i]".</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Family-specific encode settings (tiling and the like), recorded in every output.</summary>
    public IReadOnlyDictionary<string, string> TokenizerSettings { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Folder with plugin subfolders (plugin.json + assembly).</summary>
    public string? PluginsDirectory { get; init; }

    /// <summary>Attempts per item (and per source decode) before it is quarantined.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Longest time one clip may take to decode or to encode.</summary>
    public TimeSpan ItemTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>After SIGTERM: how long in-flight clips may take to finish before they are abandoned.</summary>
    public TimeSpan GracePeriod { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Sources decoded at the same time (the decode-clips stage's parallelism). With 1 the encoder still works while the
    /// next clips decode; above 1 sources interleave, so ledgers and WebDataset tars list clips in completion order.
    /// </summary>
    public int DecodeWorkers { get; init; } = 1;

    /// <summary>
    /// Nice value (Linux CPU priority) of the decoder's ffmpeg processes; 0 = the encoder's priority. A CPU encoder
    /// then keeps its cores and decoding takes the cycles it leaves.
    /// </summary>
    public int DecodeNice { get; init; } = 10;

    /// <summary>Decoded clips buffered per source ahead of the encoder (bounded channel capacity).</summary>
    public int DecodedClipCapacity { get; init; } = 2;

    /// <summary>Encoded clips buffered ahead of the store (bounded channel capacity).</summary>
    public int EncodedClipCapacity { get; init; } = 4;

    /// <summary>This many quarantines in a row with nothing done in between is treated as a systemic fault.</summary>
    public int MaxConsecutiveQuarantines { get; init; } = 25;

    /// <summary>WebDataset: a tar is closed once it reaches this size.</summary>
    public long ArchiveTargetBytes { get; init; } = 1L << 30;

    public ClipWindowing Windowing(FrameRule rule) => new(ClipFrames, ClipStride, rule) { MaxClipFrames = MaxClipFrames };
}

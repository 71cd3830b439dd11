using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Cdt;

/// <summary>
/// CDT's encode/decode settings, typed. Read once from <c>EncodeOptions.Settings</c> / <c>DecodeOptions.Settings</c>
/// (keys: <see cref="CdtSettingKeys"/>); <see cref="ToSettings"/> goes the other way for callers of the C# API.
/// </summary>
public sealed record CdtSettings
{
    public static readonly CdtSettings Defaults = new();

    /// <summary>Encode: video frames per chunk E; null: upstream's resolution rule from enc_frames.</summary>
    public int? ChunkFrames { get; init; }

    /// <summary>Decode: latent frames per chunk D; null: upstream's resolution rule from dec_frames.</summary>
    public int? ChunkLatentFrames { get; init; }

    /// <summary>
    /// Encode sessions: at most this many video frames per chunk. Upstream's rule grows E without bound below 256x256;
    /// the cap keeps a long stream's memory one chunk deep. Encode chunking is exact (float round-off), so the cap
    /// does not change the latents.
    /// </summary>
    public int StreamMaxChunkFrames { get; init; } = CdtSettingKeys.DefaultStreamMaxChunkFrames;

    /// <summary>
    /// Decode sessions: at most this many latent frames per decoded piece. Upstream's chunks of D latent frames are
    /// split into pieces of at most this size, which decode exactly as the whole chunk would
    /// (see <see cref="Diffusion.ChunkedDecoder"/>).
    /// </summary>
    public int StreamMaxChunkLatentFrames { get; init; } = CdtSettingKeys.DefaultStreamMaxChunkLatentFrames;

    /// <summary>Decode: DDIM steps; null: the config's sample_steps (1 for the released models).</summary>
    public int? Steps { get; init; }

    /// <summary>
    /// Decode: run CDT-base's condition-decoder mapping block (dec.3.1) with the feature cache too, so a streamed
    /// decode equals the one-chunk decode; false reproduces upstream, which calls it uncached.
    /// </summary>
    public bool CacheMappingBlock { get; init; }

    /// <summary>Reads and checks every key (an undeclared key or unreadable value throws, naming it).</summary>
    public static CdtSettings Read(IReadOnlyDictionary<string, string> settings)
    {
        CdtSettingKeys.Schema.Check(settings);
        return new CdtSettings
        {
            ChunkFrames = CdtSettingKeys.ChunkFrames.Read(settings),
            ChunkLatentFrames = CdtSettingKeys.ChunkLatentFrames.Read(settings),
            StreamMaxChunkFrames = CdtSettingKeys.StreamMaxChunkFrames.Read(settings) ?? Defaults.StreamMaxChunkFrames,
            StreamMaxChunkLatentFrames = CdtSettingKeys.StreamMaxChunkLatentFrames.Read(settings) ?? Defaults.StreamMaxChunkLatentFrames,
            Steps = CdtSettingKeys.Steps.Read(settings),
            CacheMappingBlock = CdtSettingKeys.CacheMappingBlock.Read(settings) ?? Defaults.CacheMappingBlock,
        };
    }

    /// <summary>The settings dictionary that reads back as this record (defaults left out).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() => FamilySettings.Write(
        CdtSettingKeys.ChunkFrames.Entry(ChunkFrames),
        CdtSettingKeys.ChunkLatentFrames.Entry(ChunkLatentFrames),
        CdtSettingKeys.StreamMaxChunkFrames.Entry(StreamMaxChunkFrames == Defaults.StreamMaxChunkFrames ? null : StreamMaxChunkFrames),
        CdtSettingKeys.StreamMaxChunkLatentFrames.Entry(StreamMaxChunkLatentFrames == Defaults.StreamMaxChunkLatentFrames ? null : StreamMaxChunkLatentFrames),
        CdtSettingKeys.Steps.Entry(Steps),
        CdtSettingKeys.CacheMappingBlock.Entry(CacheMappingBlock ? true : null));
}

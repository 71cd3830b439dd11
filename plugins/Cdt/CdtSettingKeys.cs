using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The settings CDT declares on its card; <see cref="CdtSettings"/> is what its code reads them into.</summary>
public static class CdtSettingKeys
{
    /// <summary>Upstream's E at 256x256 (enc_frames 4): larger frames already get smaller chunks.</summary>
    public const int DefaultStreamMaxChunkFrames = 64;

    /// <summary>Upstream's D at 256x256 (dec_frames 1): larger frames already get smaller chunks.</summary>
    public const int DefaultStreamMaxChunkLatentFrames = 16;

    public static FamilySettings Schema { get; } = new("CDT");

    public static IntSetting ChunkFrames { get; } =
        Schema.Int("chunk_frames", "encode: video frames per chunk (default: upstream's rule from enc_frames)");

    public static IntSetting ChunkLatentFrames { get; } =
        Schema.Int("chunk_latent_frames", "decode: latent frames per chunk (default: upstream's rule from dec_frames)");

    public static IntSetting StreamMaxChunkFrames { get; } =
        Schema.Int("stream_max_chunk_frames", $"encode sessions: at most this many video frames per chunk (default {DefaultStreamMaxChunkFrames})");

    public static IntSetting StreamMaxChunkLatentFrames { get; } =
        Schema.Int("stream_max_chunk_latent_frames", $"decode sessions: at most this many latent frames per decoded piece (default {DefaultStreamMaxChunkLatentFrames})");

    public static IntSetting Steps { get; } = Schema.Int("steps", "decode: DDIM steps (default: the config's sample_steps)");

    public static BoolSetting CacheMappingBlock { get; } =
        Schema.Bool("cache_mapping_block", "decode: true runs CDT-base's mapping block with the feature cache too (default false, as upstream)");
}

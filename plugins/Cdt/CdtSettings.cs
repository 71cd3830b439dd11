using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The family-specific Settings keys of <see cref="EncodeOptions"/> / <see cref="DecodeOptions"/>.</summary>
public static class CdtSettings
{
    /// <summary>Encode: video frames per chunk E (default: upstream's resolution rule from enc_frames).</summary>
    public const string ChunkFrames = "chunk_frames";

    /// <summary>Decode: latent frames per chunk D (default: upstream's resolution rule from dec_frames).</summary>
    public const string ChunkLatentFrames = "chunk_latent_frames";

    /// <summary>
    /// Encode sessions: at most this many video frames per chunk (default <see cref="DefaultStreamMaxChunkFrames"/>).
    /// Upstream's rule grows E without bound below 256x256; the cap keeps a long stream's memory one chunk deep.
    /// Encode chunking is exact (float round-off), so the cap does not change the latents.
    /// </summary>
    public const string StreamMaxChunkFrames = "stream_max_chunk_frames";

    /// <summary>
    /// Decode sessions: at most this many latent frames per decoded piece (default
    /// <see cref="DefaultStreamMaxChunkLatentFrames"/>). Upstream's chunks of D latent frames are split into pieces
    /// of at most this size, which decode exactly as the whole chunk would (see <see cref="Diffusion.ChunkedDecoder"/>).
    /// </summary>
    public const string StreamMaxChunkLatentFrames = "stream_max_chunk_latent_frames";

    /// <summary>Upstream's E at 256x256 (enc_frames 4): larger frames already get smaller chunks.</summary>
    public const int DefaultStreamMaxChunkFrames = 64;

    /// <summary>Upstream's D at 256x256 (dec_frames 1): larger frames already get smaller chunks.</summary>
    public const int DefaultStreamMaxChunkLatentFrames = 16;

    /// <summary>Decode: DDIM steps (default: the config's sample_steps, 1 for the released models).</summary>
    public const string Steps = "steps";

    /// <summary>
    /// Decode: "true" runs CDT-base's condition-decoder mapping block (dec.3.1) with the feature cache too, so
    /// a streamed decode equals the one-chunk decode; default "false" reproduces upstream, which calls it uncached.
    /// </summary>
    public const string CacheMappingBlock = "cache_mapping_block";

    public static int? Int(IReadOnlyDictionary<string, string> settings, string key) => FamilySettings.Int(settings, "CDT", key);

    /// <summary><paramref name="key"/>'s value, else <paramref name="fallback"/>.</summary>
    public static int Int(IReadOnlyDictionary<string, string> settings, string key, int fallback) => Int(settings, key) ?? fallback;

    public static bool Bool(IReadOnlyDictionary<string, string> settings, string key) => FamilySettings.Bool(settings, "CDT", key) ?? false;

    /// <summary>Every key with what it does, as the card declares them.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = new Dictionary<string, string>
    {
        [ChunkFrames] = "encode: video frames per chunk (default: upstream's rule from enc_frames)",
        [ChunkLatentFrames] = "decode: latent frames per chunk (default: upstream's rule from dec_frames)",
        [StreamMaxChunkFrames] = $"encode sessions: at most this many video frames per chunk (default {DefaultStreamMaxChunkFrames})",
        [StreamMaxChunkLatentFrames] = $"decode sessions: at most this many latent frames per decoded piece (default {DefaultStreamMaxChunkLatentFrames})",
        [Steps] = "decode: DDIM steps (default: the config's sample_steps)",
        [CacheMappingBlock] = "decode: true runs CDT-base's mapping block with the feature cache too (default false, as upstream)",
    };
}

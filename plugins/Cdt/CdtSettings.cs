using System.Globalization;
using VideoPipe.Abstractions;

namespace VideoPipe.Plugins.Cdt;

/// <summary>The family-specific Settings keys of <see cref="EncodeOptions"/> / <see cref="DecodeOptions"/>.</summary>
public static class CdtSettings
{
    /// <summary>Encode: video frames per chunk E (default: upstream's resolution rule from enc_frames).</summary>
    public const string ChunkFrames = "chunk_frames";

    /// <summary>Decode: latent frames per chunk D (default: upstream's resolution rule from dec_frames).</summary>
    public const string ChunkLatentFrames = "chunk_latent_frames";

    /// <summary>Decode: DDIM steps (default: the config's sample_steps, 1 for the released models).</summary>
    public const string Steps = "steps";

    /// <summary>
    /// Decode: "true" runs CDT-base's condition-decoder mapping block (dec.3.1) with the feature cache too, so
    /// a streamed decode equals the one-chunk decode; default "false" reproduces upstream, which calls it uncached.
    /// </summary>
    public const string CacheMappingBlock = "cache_mapping_block";

    public static int? Int(IReadOnlyDictionary<string, string> settings, string key)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"setting '{key}' must be a positive integer, got '{text}'");
    }

    public static bool Bool(IReadOnlyDictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var text) && (bool.TryParse(text, out var v)
            ? v
            : throw new ArgumentException($"setting '{key}' must be true or false, got '{text}'"));
}

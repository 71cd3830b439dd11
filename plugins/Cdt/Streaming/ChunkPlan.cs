namespace VideoPipe.Plugins.Cdt.Streaming;

/// <summary>Upstream's chunk-size rules (ConditionedDiffusionTokenizer.encode / decode).</summary>
public static class ChunkPlan
{
    /// <summary>E = max(4, int(enc_frames·(1024/H·1024/W)/4)·4) video frames per encode chunk.</summary>
    public static int EncodeChunkFrames(long height, long width, int encFrames)
    {
        var ratio = 1024.0 / height * 1024.0 / width;
        return (int)Math.Max(4, Math.Floor(encFrames * ratio / 4) * 4);
    }

    /// <summary>D = max(1, int(dec_frames·(1024/sf/h·1024/sf/w))) latent frames per decode chunk.</summary>
    public static int DecodeChunkLatents(long latentHeight, long latentWidth, int decFrames, int spaceFactor)
    {
        var ratio = 1024.0 / spaceFactor / latentHeight * 1024.0 / spaceFactor / latentWidth;
        return (int)Math.Max(1, Math.Floor(decFrames * ratio));
    }

    /// <summary>Encode chunks for T frames at E per chunk: the first one is T mod E frames when that is non-zero.</summary>
    public static IReadOnlyList<long> EncodeChunks(long frames, long chunkFrames)
    {
        if (chunkFrames < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkFrames), chunkFrames, "chunk size must be positive");
        }

        var size = Math.Min(chunkFrames, frames);
        var chunks = new List<long>();
        var remainder = frames % size;
        if (remainder > 0)
        {
            chunks.Add(remainder);
        }

        for (var done = remainder; done < frames; done += size)
        {
            chunks.Add(size);
        }

        return chunks;
    }

    /// <summary>Decode chunks for T' latent frames at D per chunk from the start; the last may be shorter.</summary>
    public static IReadOnlyList<long> DecodeChunks(long latentFrames, long chunkLatents)
    {
        if (chunkLatents < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkLatents), chunkLatents, "chunk size must be positive");
        }

        var chunks = new List<long>();
        for (long start = 0; start < latentFrames; start += chunkLatents)
        {
            chunks.Add(Math.Min(chunkLatents, latentFrames - start));
        }

        return chunks;
    }

    /// <summary>
    /// A decode session's next piece after <paramref name="decoded"/> latent frames: at most
    /// <paramref name="cap"/> latent frames and never past the end of the current upstream chunk of
    /// <paramref name="chunkLatents"/>.
    /// </summary>
    public static long DecodePiece(long decoded, long chunkLatents, long cap)
    {
        if (chunkLatents < 1 || cap < 1)
        {
            throw new ArgumentOutOfRangeException(chunkLatents < 1 ? nameof(chunkLatents) : nameof(cap), "chunk sizes must be positive");
        }

        return Math.Min(chunkLatents - decoded % chunkLatents, cap);
    }
}

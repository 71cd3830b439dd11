using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tiling;

/// <summary>Upstream v1.2.0 tiled_encode / tiled_decode on top of plain per-tile encode and decode functions.</summary>
public static class TiledCodec
{
    /// <summary>Whether upstream's encode() would take the tiled path for a video of this shape.</summary>
    public static bool EncodeNeedsTiling(OdVaeTiling t, long[] videoShape) =>
        videoShape[4] > t.TileSampleMinSize || videoShape[3] > t.TileSampleMinSize || videoShape[2] > t.TileSampleMinSizeT;

    /// <summary>Whether upstream's decode() would take the tiled path for a latent of this shape.</summary>
    public static bool DecodeNeedsTiling(OdVaeTiling t, long[] latentShape) =>
        latentShape[4] > t.TileLatentMinSize || latentShape[3] > t.TileLatentMinSize || latentShape[2] > t.TileLatentMinSizeT;

    /// <summary>Raw moments of <paramref name="video"/>, chunk by chunk in time, tile by tile in space.</summary>
    public static Tensor EncodeMoments(Tensor video, OdVaeTiling t, Func<Tensor, Tensor> encodeTile)
    {
        t.Validate();
        return Temporal(video, t.TileSampleMinSizeT, chunk =>
            SpatialTiler.Run(chunk, t.TileSampleMinSize, t.EncodeStride, t.EncodeBlend, t.TileLatentMinSize - t.EncodeBlend, encodeTile));
    }

    /// <summary>Video decoded from an unscaled latent, chunk by chunk in time, tile by tile in space.</summary>
    public static Tensor Decode(Tensor latent, OdVaeTiling t, Func<Tensor, Tensor> decodeTile)
    {
        t.Validate();
        return Temporal(latent, t.TileLatentMinSizeT, chunk =>
            SpatialTiler.Run(chunk, t.TileLatentMinSize, t.DecodeStride, t.DecodeBlend, t.TileSampleMinSize - t.DecodeBlend, decodeTile));
    }

    private static Tensor Temporal(Tensor input, int chunkSize, Func<Tensor, Tensor> spatial)
    {
        using var scope = DisposeScope.Enter();
        var parts = new List<Tensor>();
        var chunks = TemporalChunks.Plan((int)input.Size(2), chunkSize);
        for (var n = 0; n < chunks.Count; n++)
        {
            var (start, end) = chunks[n];
            using var chunk = input.Slice(2, start, end);
            var output = spatial(chunk);
            parts.Add(n == 0 ? output : output.Slice(2, 1));
        }

        return scope.Keep(parts.Count == 1 ? parts[0] : Tensor.Cat(parts, 2));
    }
}

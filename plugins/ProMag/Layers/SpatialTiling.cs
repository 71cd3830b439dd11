using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Layers;

/// <summary>
/// Layer-wise spatial tiling (the paper's answer to seams from tiling the latent): every convolution of the decoder
/// runs over spatial tiles, each read with a halo of the kernel's radius so its interior sees exactly what the
/// untiled convolution sees, and the interiors are stitched before the next layer. Norms and activations run on the
/// stitched tensor (their statistics are the whole frame's), so the result equals untiled decoding up to the
/// convolution's floating-point summation order. A tile is <see cref="TilePixels"/> output pixels, scaled to each
/// layer's resolution; 0 turns tiling off.
/// </summary>
public sealed class SpatialTiling
{
    public static readonly SpatialTiling None = new(0, 1, 1);

    private readonly long outputHeight;
    private readonly long outputWidth;

    public SpatialTiling(int tilePixels, long outputHeight, long outputWidth)
    {
        if (tilePixels < 0 || outputHeight < 1 || outputWidth < 1)
        {
            throw new ArgumentException($"spatial tiling needs a tile of 0 (off) or more pixels and a positive output size, got {tilePixels} for {outputHeight}x{outputWidth}");
        }

        (TilePixels, this.outputHeight, this.outputWidth) = (tilePixels, outputHeight, outputWidth);
    }

    public int TilePixels { get; }

    /// <summary>A stride-1 convolution (3x3x3 or 1x1x1) over tiles.</summary>
    public Tensor Conv(ReplicateCausalConv3d conv, Tensor x) => Tiled(x, conv.Forward, conv.Conv.Weight.Value.Size(3) / 2, 1);

    /// <summary>A depth-to-space upsample over tiles (its output tiles are s times the input tiles).</summary>
    public Tensor Upsample(DepthToSpaceUpsample upsample, Tensor x) => Tiled(x, upsample.Forward, 1, upsample.SpaceScale);

    private Tensor Tiled(Tensor x, Func<Tensor, Tensor> layer, long halo, long scale)
    {
        var (height, width) = (x.Size(3), x.Size(4));
        var tileHeight = TileAt(height, outputHeight);
        var tileWidth = TileAt(width, outputWidth);
        if (TilePixels == 0 || (tileHeight >= height && tileWidth >= width))
        {
            return layer(x);
        }

        using var scope = DisposeScope.Enter();
        var rows = new List<Tensor>();
        for (long top = 0; top < height; top += tileHeight)
        {
            var bottom = Math.Min(height, top + tileHeight);
            var columns = new List<Tensor>();
            for (long left = 0; left < width; left += tileWidth)
            {
                var right = Math.Min(width, left + tileWidth);
                var (readTop, readLeft) = (Math.Max(0, top - halo), Math.Max(0, left - halo));
                var (readBottom, readRight) = (Math.Min(height, bottom + halo), Math.Min(width, right + halo));
                var y = layer(x.Narrow(3, readTop, readBottom - readTop).Narrow(4, readLeft, readRight - readLeft));
                columns.Add(y.Narrow(3, (top - readTop) * scale, (bottom - top) * scale).Narrow(4, (left - readLeft) * scale, (right - left) * scale));
            }

            rows.Add(Tensor.Cat(columns, 4));
        }

        return scope.Keep(Tensor.Cat(rows, 3));
    }

    /// <summary>The tile size at a layer <paramref name="size"/> pixels wide, for an output <paramref name="output"/> pixels wide.</summary>
    private long TileAt(long size, long output) => Math.Max(1, (TilePixels * size + output - 1) / output);
}

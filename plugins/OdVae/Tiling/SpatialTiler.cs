using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Tiling;

/// <summary>
/// Upstream v1.2.0 spatial tiling (tiled_encode2d / tiled_decode2d): tiles of <c>tileSize</c> every <c>stride</c>
/// along H and W, each run through <c>codec</c>; in raster order every output tile is cross-faded with the
/// already-blended tile above and to its left over <c>blend</c> rows/columns (in place, so later tiles see blended
/// neighbours), cropped to its first <c>keep</c> rows and columns, and the crops are concatenated.
/// </summary>
public static class SpatialTiler
{
    public static Tensor Run(Tensor input, int tileSize, int stride, int blend, int keep, Func<Tensor, Tensor> codec)
    {
        using var scope = DisposeScope.Enter();
        var height = input.Size(3);
        var width = input.Size(4);
        var rows = new List<Tensor[]>();
        for (long i = 0; i < height; i += stride)
        {
            var row = new List<Tensor>();
            for (long j = 0; j < width; j += stride)
            {
                using var tile = input.Slice(3, i, i + tileSize).Slice(4, j, j + tileSize);
                row.Add(codec(tile).Contiguous());
            }

            rows.Add(row.ToArray());
        }

        var resultRows = new List<Tensor>();
        for (var r = 0; r < rows.Count; r++)
        {
            var crops = new List<Tensor>();
            for (var c = 0; c < rows[r].Length; c++)
            {
                var tile = rows[r][c];
                if (r > 0)
                {
                    BlendInPlace(rows[r - 1][c], tile, blend, dim: 3);
                }

                if (c > 0)
                {
                    BlendInPlace(rows[r][c - 1], tile, blend, dim: 4);
                }

                crops.Add(tile.Slice(3, 0, keep).Slice(4, 0, keep));
            }

            resultRows.Add(Tensor.Cat(crops, 4));
        }

        return scope.Keep(Tensor.Cat(resultRows, 3));
    }

    /// <summary>
    /// b[k] = a[len(a) - e + k] (1 - k/e) + b[k] (k/e) for k &lt; e = min(len(a), len(b), extent) along <paramref name="dim"/>.
    /// </summary>
    public static void BlendInPlace(Tensor a, Tensor b, int extent, int dim)
    {
        var e = Math.Min(Math.Min(a.Size(dim), b.Size(dim)), extent);
        var aLength = a.Size(dim);
        for (long k = 0; k < e; k++)
        {
            using var scope = DisposeScope.Enter();
            var weight = (double)k / e;
            var from = a.Narrow(dim, aLength - e + k, 1);
            var to = b.Narrow(dim, k, 1);
            var mixed = from.Mul(1 - weight).AddInPlace(to.Mul(weight));
            to.CopyFrom(mixed);
        }
    }
}

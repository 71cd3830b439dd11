using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Engine;

/// <summary>
/// The one latent file of every job: a safetensors file holding a clip's latents [C, t, h, w] and its
/// <see cref="LatentFileMetadata"/>. A clip encoded whole (every precompute clip) has one tensor named
/// <c>latent</c>; a clip a pipeline cut into overlapping temporal tiles has one tensor per tile,
/// <c>latent.0000</c>, <c>latent.0001</c>, ... in the order of the <c>tiles</c> field.
/// </summary>
public static class LatentFile
{
    public const string FormatName = "videopipe.latent.v2";

    /// <summary>The format precompute wrote before the runtimes merged; still read (one whole-clip tile).</summary>
    public const string LegacyFormatName = "videopipe.latent.v1";

    /// <summary>The tensor of a single-tile clip.</summary>
    public const string SingleTensorName = "latent";

    /// <summary>The one tile of a clip encoded whole (every precompute clip, and every file of the earlier format).</summary>
    public static TileGeometry WholeClipTile(int frames, double fps) => new()
    {
        TileIndex = 0, IsLastTile = true, FirstFrame = 0, Frames = frames, ValidFrames = frames, OverlapFrames = 0, Fps = fps,
    };

    public static string TensorName(int tileIndex, int tileCount) => tileCount == 1 ? SingleTensorName : $"latent.{tileIndex:D4}";

    /// <summary>
    /// Writes a clip's tiles ([C, t, h, w], or [1, C, t, h, w] as stages carry them) and metadata through a temporary
    /// name, fsync and rename.
    /// </summary>
    public static void Save(string path, IReadOnlyList<Tensor> tiles, LatentFileMetadata metadata)
    {
        if (tiles.Count != metadata.Tiles.Count)
        {
            throw new ArgumentException($"{metadata.ItemId}: {tiles.Count} tensors for {metadata.Tiles.Count} tiles", nameof(tiles));
        }

        var stored = tiles.Select(t => (Tensor: t.Dim == 5 ? t.Squeeze(0) : t, Owned: t.Dim == 5)).ToList();
        try
        {
            var named = stored.Select((t, i) => (Name: TensorName(i, tiles.Count), t.Tensor)).ToDictionary(t => t.Name, t => t.Tensor, StringComparer.Ordinal);
            Safetensors.Save(path, named, metadata.ToHeaderStrings());
        }
        finally
        {
            stored.Where(t => t.Owned).ToList().ForEach(t => t.Tensor.Dispose());
        }
    }

    public static LatentFileMetadata ReadMetadata(SafetensorsFile file, string path) => LatentFileMetadata.FromHeaderStrings(file.Metadata, path);

    /// <summary>Loads every tile of the file as [1, C, t, h, w] CPU tensors with the geometry and provenance stages carry.</summary>
    /// <param name="location">How messages name the file (an archive member's copy is named by its archive and member).</param>
    public static (LatentFileMetadata Metadata, List<LatentTile> Tiles) Load(string path, string? location = null)
    {
        location ??= path;
        using var file = SafetensorsFile.Open(path);
        var metadata = ReadMetadata(file, location);
        var provenance = metadata.Provenance;
        var tiles = new List<LatentTile>();
        try
        {
            for (var i = 0; i < metadata.Tiles.Count; i++)
            {
                var name = TensorName(i, metadata.Tiles.Count);
                if (!file.Contains(name))
                {
                    throw new InvalidDataException($"{location}: holds no tensor '{name}' for tile {i} of {metadata.Tiles.Count}");
                }

                using var stored = file.Load(name);
                tiles.Add(new LatentTile(stored.Unsqueeze(0), metadata.Tiles[i], provenance));
            }
        }
        catch
        {
            tiles.ForEach(t => t.Dispose());
            throw;
        }

        return (metadata, tiles);
    }
}

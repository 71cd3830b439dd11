using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>Where a temporal tile sits in its clip; carried from chunking through encode and decode to stitching.</summary>
public sealed record TileGeometry
{
    public required int TileIndex { get; init; }

    /// <summary>True for the item's final tile (tiles may arrive out of order; stitching waits for all).</summary>
    public required bool IsLastTile { get; init; }

    /// <summary>Clip frame index of the tile's first frame.</summary>
    public required long FirstFrame { get; init; }

    /// <summary>Frames in the tile as fed to the model (a rule-following count, padded at the tail when needed).</summary>
    public required int Frames { get; init; }

    /// <summary>Frames that are real (the rest repeat the last frame to satisfy the frame rule).</summary>
    public required int ValidFrames { get; init; }

    /// <summary>Frames neighbouring tiles share (the tiling's overlap; the first tile shares none before it).</summary>
    public required int OverlapFrames { get; init; }

    /// <summary>Frames shared with the previous tile.</summary>
    public int LeadingOverlap => TileIndex == 0 ? 0 : OverlapFrames;

    /// <summary>Frames shared with the next tile.</summary>
    public int TrailingOverlap => IsLastTile ? 0 : OverlapFrames;

    public required double Fps { get; init; }
}

/// <summary>A model-ready temporal tile: float [1, 3, T, H, W] in [-1, 1] on the stage's device.</summary>
public sealed class TemporalTile(Tensor video, TileGeometry geometry) : IDisposable
{
    public Tensor Video { get; } = video;

    public TileGeometry Geometry { get; } = geometry;

    public void Dispose() => Video.Dispose();
}

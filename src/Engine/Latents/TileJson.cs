using System.Text.Json.Nodes;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>A tile's geometry as the <c>tiles</c> field of a latent file writes it (snake_case, canonical).</summary>
internal static class TileJson
{
    public static JsonNode ToJson(TileGeometry tile) => new JsonObject
    {
        ["tile_index"] = tile.TileIndex,
        ["is_last_tile"] = tile.IsLastTile,
        ["first_frame"] = tile.FirstFrame,
        ["frames"] = tile.Frames,
        ["valid_frames"] = tile.ValidFrames,
        ["overlap_frames"] = tile.OverlapFrames,
        ["fps"] = Math.Round(tile.Fps, 6),
    };

    public static TileGeometry FromJson(JsonNode node, string file)
    {
        var tile = node as JsonObject ?? throw new InvalidDataException($"{file}: a 'tiles' entry is not an object");
        T Get<T>(string key) => tile[key] is { } value
            ? value.GetValue<T>()
            : throw new InvalidDataException($"{file}: a 'tiles' entry lacks '{key}'");
        return new TileGeometry
        {
            TileIndex = Get<int>("tile_index"),
            IsLastTile = Get<bool>("is_last_tile"),
            FirstFrame = Get<long>("first_frame"),
            Frames = Get<int>("frames"),
            ValidFrames = Get<int>("valid_frames"),
            OverlapFrames = Get<int>("overlap_frames"),
            Fps = Get<double>("fps"),
        };
    }

}

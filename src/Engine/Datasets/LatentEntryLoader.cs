using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Loads a dataset entry's tiles: its own file directly, an archive member through a temporary copy.</summary>
public static class LatentEntryLoader
{
    public static List<LatentTile> LoadTiles(LatentEntry entry)
    {
        if (entry.Member is null)
        {
            return LatentFile.Load(entry.Path).Tiles;
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"videopipe-member-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (var archive = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                archive.Seek(entry.MemberOffset, SeekOrigin.Begin);
                CopyExactly(archive, copy, entry.MemberLength, entry.Location);
            }

            return LatentFile.Load(temporary, entry.Location).Tiles;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void CopyExactly(Stream from, Stream to, long length, string location)
    {
        var buffer = new byte[1 << 20];
        for (var left = length; left > 0;)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new InvalidDataException($"{location}: the archive ends {left} bytes before the member does (truncated?)");
            }

            to.Write(buffer, 0, read);
            left -= read;
        }
    }
}

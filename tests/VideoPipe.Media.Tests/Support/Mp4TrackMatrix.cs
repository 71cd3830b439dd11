using System.Buffers.Binary;

namespace VideoPipe.Media.Tests.Support;

/// <summary>Writes a display matrix into an MP4's track header (this ffmpeg has no -display_rotation or -display_hflip).</summary>
internal static class Mp4TrackMatrix
{
    /// <summary>16.16 fixed-point one, the unit of the matrix's a, b, c, d and translation.</summary>
    public const int One = 1 << 16;

    /// <summary>Replaces the track header's identity matrix by <paramref name="matrix"/> (nine big-endian values, rows [a b u], [c d v], [x y w]).</summary>
    public static async Task SetAsync(string path, int[] matrix)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var identity = new byte[36];
        int[] identityValues = [One, 0, 0, 0, One, 0, 0, 0, 1 << 30];
        for (var i = 0; i < 9; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(identity.AsSpan(i * 4), identityValues[i]);
        }

        var trackHeader = bytes.AsSpan().IndexOf("tkhd"u8);
        Assert.True(trackHeader >= 0, "no track header");
        var at = bytes.AsSpan(trackHeader).IndexOf(identity);
        Assert.True(at >= 0, "no identity matrix in the track header");
        for (var i = 0; i < 9; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(trackHeader + at + i * 4), matrix[i]);
        }

        await File.WriteAllBytesAsync(path, bytes);
    }
}

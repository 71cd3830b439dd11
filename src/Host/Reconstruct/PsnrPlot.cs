using System.IO.Compression;
using System.Text;

namespace VideoPipe.Host;

/// <summary>
/// A per-frame PSNR line plot as a PNG (RGB, 8 bit): grey grid every 10 dB, red vertical lines at tile
/// boundaries, one line per curve in its colour; the caption (which curve is which) goes in a tEXt chunk
/// ("Description"). Drawn into a byte buffer and encoded with zlib + CRC32 chunks.
/// </summary>
internal static class PsnrPlot
{
    public sealed record Curve(IReadOnlyList<double> Psnr, (byte R, byte G, byte B) Color);

    private const int Width = 800;
    private const int Height = 300;
    private const int Margin = 10;

    public static byte[] Render(IReadOnlyList<Curve> curves, IReadOnlyList<int> boundaries, string caption)
    {
        var pixels = new byte[Width * Height * 3];
        Array.Fill(pixels, (byte)255);
        var frames = curves.Max(c => c.Psnr.Count);
        var top = Math.Max(10, Math.Ceiling(curves.SelectMany(c => c.Psnr).DefaultIfEmpty(10).Max() / 10) * 10);
        int X(double frame) => Margin + (int)Math.Round(frame * (Width - 2 * Margin - 1) / Math.Max(1, frames - 1));
        int Y(double db) => Height - Margin - 1 - (int)Math.Round(Math.Clamp(db, 0, top) * (Height - 2 * Margin - 1) / top);
        for (var db = 0.0; db <= top; db += 10)
        {
            Line(pixels, Margin, Y(db), Width - Margin - 1, Y(db), (200, 200, 200));
        }

        foreach (var b in boundaries)
        {
            Line(pixels, X(b - 0.5), Margin, X(b - 0.5), Height - Margin - 1, (220, 40, 40));
        }

        foreach (var (psnr, color) in curves)
        {
            for (var i = 1; i < psnr.Count; i++)
            {
                Line(pixels, X(i - 1), Y(psnr[i - 1]), X(i), Y(psnr[i]), color);
            }
        }

        return Encode(pixels, caption);
    }

    private static void Line(byte[] pixels, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        var steps = Math.Max(Math.Abs(x1 - x0), Math.Abs(y1 - y0));
        for (var s = 0; s <= steps; s++)
        {
            var x = steps == 0 ? x0 : x0 + (x1 - x0) * s / steps;
            var y = steps == 0 ? y0 : y0 + (y1 - y0) * s / steps;
            if (x is >= 0 and < Width && y is >= 0 and < Height)
            {
                var at = (y * Width + x) * 3;
                (pixels[at], pixels[at + 1], pixels[at + 2]) = color;
            }
        }
    }

    private static byte[] Encode(byte[] pixels, string caption)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, Width);
        WriteBigEndian(header, 4, Height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "tEXt", Encoding.Latin1.GetBytes("Description\0" + caption));
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < Height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, y * Width * 3, Width * 3);
            }
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        var length = new byte[4];
        WriteBigEndian(length, 0, data.Length);
        png.Write(length);
        png.Write(typed);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, (int)Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteBigEndian(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }
}

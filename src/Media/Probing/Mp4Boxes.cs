using System.Text;

namespace VideoPipe.Media.Probing;

/// <summary>Tells a real (but cut) MP4/MOV from any other file that ffmpeg picked the mov demuxer for by its extension.</summary>
internal static class Mp4Boxes
{
    private static readonly string[] LeadingBoxTypes = ["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "styp"];

    public static bool StartsWithBox(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[8];
            return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
                && LeadingBoxTypes.Contains(Encoding.ASCII.GetString(header[4..]));
        }
        catch (IOException)
        {
            return false;
        }
    }
}

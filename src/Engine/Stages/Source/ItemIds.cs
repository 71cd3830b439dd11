using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Stable item ids: the file name stem plus a short hash of the file's size, its first and last MiB and the time
/// range, so renaming a folder keeps ids while different content or ranges get different ones.
/// </summary>
internal static class ItemIds
{
    private const int Probe = 1 << 20;

    public static string For(string path, double? start, double? end)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        if (!File.Exists(path))
        {
            // A missing file still gets a stable id so the decode stage can report (or quarantine) it by name.
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFullPath(path)));
        }
        else
        {
            using var stream = File.OpenRead(path);
            hash.AppendData(BitConverter.GetBytes(stream.Length));
            var buffer = new byte[Probe];
            hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, Probe, throwOnEndOfStream: false));
            if (stream.Length > Probe)
            {
                stream.Seek(-Math.Min(Probe, stream.Length - Probe), SeekOrigin.End);
                hash.AppendData(buffer, 0, stream.ReadAtLeast(buffer, Probe, throwOnEndOfStream: false));
            }
        }

        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"|{start}|{end}")));
        var stem = Sanitize(Path.GetFileNameWithoutExtension(path));
        return $"{stem}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }

    public static string Sanitize(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return chars.Length == 0 ? "item" : new string(chars);
    }
}

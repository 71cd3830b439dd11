using System.Diagnostics;

namespace VideoPipe.Tests.Shared;

/// <summary>
/// Makes an H.264 MP4 whose first IDR slice has one flipped bit: ffmpeg logs an "[error]" line about it (e.g. "top
/// block unavailable for requested intra mode") yet decodes every frame, concealing the damage. Candidates are
/// tried until ffmpeg itself shows both properties, so the file is checked, not assumed. Linked into the test
/// projects that need it (Media, Precompute).
/// </summary>
public static class DamagedFirstSlice
{
    public const int Frames = 32;

    private static readonly (int Offset, int Bit)[] Candidates = [(1, 1), (4, 0), (4, 1), (5, 0), (2, 2), (2, 4), (3, 2)];

    /// <returns>ffmpeg's first error line for the written file.</returns>
    public static async Task<string> WriteAsync(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var good = Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + ".intact.mp4");
        var annexB = Path.Combine(folder, Path.GetFileNameWithoutExtension(path) + ".h264");
        await RunAsync("-f", "lavfi", "-i", "testsrc2=size=64x64:rate=16", "-frames:v", $"{Frames}", "-c:v", "libx264", "-g", "8", "-pix_fmt", "yuv420p", good);
        await RunAsync("-i", good, "-c", "copy", "-bsf:v", "h264_mp4toannexb", "-f", "h264", annexB);
        var stream = await File.ReadAllBytesAsync(annexB);
        var mp4 = await File.ReadAllBytesAsync(good);
        File.Delete(annexB);
        File.Delete(good);
        var idr = FirstIdrSlice(stream);
        var at = mp4.AsSpan().IndexOf(stream.AsSpan(idr, 24));
        if (at < 0)
        {
            throw new InvalidOperationException("the first IDR slice was not found in the MP4");
        }

        foreach (var (offset, bit) in Candidates)
        {
            var damaged = (byte[])mp4.Clone();
            damaged[at + offset] ^= (byte)(1 << bit);
            await File.WriteAllBytesAsync(path, damaged);
            var (frames, error) = await DecodeAsync(path);
            if (frames == Frames && error is not null)
            {
                return error;
            }
        }

        throw new InvalidOperationException($"no candidate bit flip made ffmpeg complain yet decode all {Frames} frames");
    }

    /// <summary>Offset of the first NAL unit of type 5 (IDR slice) in an Annex B stream, at its header byte.</summary>
    private static int FirstIdrSlice(byte[] stream)
    {
        for (var i = 0; i + 3 < stream.Length; i++)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1 && (stream[i + 3] & 0x1f) == 5)
            {
                return i + 3;
            }
        }

        throw new InvalidOperationException("no IDR slice in the stream");
    }

    /// <summary>Frames ffmpeg decodes (one framemd5 line each) and its first "[error]" line.</summary>
    private static async Task<(int Frames, string? Error)> DecodeAsync(string path)
    {
        var (output, errors) = await CaptureAsync("-loglevel", "level+error", "-i", path, "-fps_mode", "passthrough", "-f", "framemd5", "-");
        var frames = output.Split('\n').Count(l => l.Length > 0 && !l.StartsWith('#'));
        return (frames, errors.Split('\n').FirstOrDefault(l => l.Contains("[error]", StringComparison.Ordinal)));
    }

    private static async Task RunAsync(params string[] arguments) => await CaptureAsync(["-loglevel", "error", .. arguments]);

    private static async Task<(string Output, string Errors)> CaptureAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {await errors}");
        }

        return (await output, await errors);
    }
}

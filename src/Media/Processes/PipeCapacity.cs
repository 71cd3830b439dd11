using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace VideoPipe.Media;

/// <summary>
/// Enlarges a pipe's kernel buffer (Linux F_SETPIPE_SZ). With the default 64 KiB, a 720p rgb24 frame (2.7 MB) takes
/// dozens of reader/writer context switches; a 1 MiB buffer lets ffmpeg run ahead when decoding, and lets a frame
/// written to its stdin land in a few writes when encoding. Best effort: elsewhere, or when
/// the limit in /proc/sys/fs/pipe-max-size is lower, the pipe keeps its size.
/// </summary>
internal static partial class PipeCapacity
{
    private const int SetPipeSize = 1031;

    public static void TryEnlarge(Stream stream, int bytes)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
        {
            return;
        }

        var handle = pipe.SafePipeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            _ = Fcntl((int)handle.DangerousGetHandle(), SetPipeSize, bytes);
        }
        catch (EntryPointNotFoundException)
        {
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl")]
    private static partial int Fcntl(int fd, int command, int argument);
}

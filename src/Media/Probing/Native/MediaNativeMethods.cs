using System.Runtime.InteropServices;

namespace VideoPipe.Media.Probing.Native;

/// <summary>The C ABI of libvideopipe_media (native/media/include/vpm.h).</summary>
internal static unsafe partial class MediaNativeMethods
{
    public const string Lib = "videopipe_media";

    public const int Ok = 0;
    public const int Failed = 1;
    public const int Cancelled = 2;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vpm_probe(string? url, byte* data, nuint size, int* cancel, out nint json, out nint errors);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int vpm_scan_packets(string url, int* cancel, out nint pts, out long count, out nint errors);

    [LibraryImport(Lib)]
    internal static partial void vpm_free(nint p);
}

using System.Runtime.InteropServices;

namespace VideoPipe.Media.Probing.Native;

/// <summary>
/// Asks libavformat, in this process, what ffprobe would say: no process start per probe (Debian's ffprobe loads
/// ~215 shared libraries, ~0.12 CPU-s a start). Each call runs on a thread-pool thread; cancellation interrupts
/// libavformat's reads.
/// </summary>
internal static class LibavProbe
{
    /// <summary>What was found: ffprobe-shaped JSON, or null with libav's error lines.</summary>
    public sealed record Description(string? Json, string Errors);

    /// <summary>Packet timestamps of the first video stream (null where a packet has none), and libav's error lines.</summary>
    public sealed record PacketScan(IReadOnlyList<long?> Timestamps, string Errors, bool Failed);

    /// <param name="url">"file:/abs/path", or null to read <paramref name="head"/> (a stream's first bytes).</param>
    public static Task<Description> DescribeAsync(string? url, ReadOnlyMemory<byte> head, CancellationToken cancellationToken) =>
        RunAsync(cancel => Describe(url, head, cancel), cancellationToken);

    public static Task<PacketScan> ScanPacketsAsync(string url, CancellationToken cancellationToken) =>
        RunAsync(cancel => ScanPackets(url, cancel), cancellationToken);

    private static unsafe (int Status, Description Result) Describe(string? url, ReadOnlyMemory<byte> head, nint cancel)
    {
        using var pinned = head.Pin();
        var status = MediaNativeMethods.vpm_probe(url, (byte*)pinned.Pointer, (nuint)head.Length, (int*)cancel, out var json, out var errors);
        return (status, new Description(TakeString(json), TakeString(errors) ?? ""));
    }

    private static unsafe (int Status, PacketScan Result) ScanPackets(string url, nint cancel)
    {
        var status = MediaNativeMethods.vpm_scan_packets(url, (int*)cancel, out var pts, out var count, out var errors);
        var timestamps = new long?[count];
        for (var i = 0; i < count; i++)
        {
            var value = ((long*)pts)[i];
            timestamps[i] = value == long.MinValue ? null : value;
        }

        MediaNativeMethods.vpm_free(pts);
        return (status, new PacketScan(timestamps, TakeString(errors) ?? "", status != MediaNativeMethods.Ok));
    }

    private static async Task<T> RunAsync<T>(Func<nint, (int Status, T Result)> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var cancel = Marshal.AllocHGlobal(sizeof(int));
        Marshal.WriteInt32(cancel, 0);
        try
        {
            (int Status, T Result) outcome;
            using (cancellationToken.Register(() => Marshal.WriteInt32(cancel, 1)))
            {
                outcome = await Task.Run(() => call(cancel), CancellationToken.None).ConfigureAwait(false);
            }

            if (outcome.Status == MediaNativeMethods.Cancelled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            return outcome.Result;
        }
        finally
        {
            Marshal.FreeHGlobal(cancel);
        }
    }

    private static string? TakeString(nint text)
    {
        if (text == nint.Zero)
        {
            return null;
        }

        var value = Marshal.PtrToStringUTF8(text);
        MediaNativeMethods.vpm_free(text);
        return value;
    }
}

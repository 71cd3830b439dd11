using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Interop;
using VideoPipe.Media.Processes;

namespace VideoPipe.Media.Probing;

/// <summary>
/// The videopipe-probe children (native/media) that describe inputs with libavformat, one request at a time each
/// (protocol in native/media/src/probe_server.cpp). A request takes an idle child or starts one, and gives it back
/// when answered, so there are as many children as probes ever ran at once (one or two in a precompute) and each
/// lives as long as the process: no process start per probe (an ffprobe start costs ~0.12 CPU-s on Debian: 215
/// shared libraries). A libav crash or hang on a crafted file ends only its child: that request fails (or is
/// cancelled by its deadline) and other probes are not held up behind it.
/// </summary>
internal sealed class ProbeServer(string executable)
{
    public const string OverrideVariable = "VIDEOPIPE_PROBE";

    private const string FileName = "videopipe-probe";

    /// <summary>The exit code of a program the kernel would not execute (e.g. not executable).</summary>
    private const int NotExecutable = 126;

    /// <summary>The exit code of a program whose shared libraries the dynamic loader could not load (or not found).</summary>
    private const int LoaderFailed = 127;

    private static readonly Lazy<ProbeServer> SharedServer = new(() => new ProbeServer(Locate()));

    private readonly ConcurrentBag<ToolProcess> idle = [];

    /// <summary>The children of this process.</summary>
    public static ProbeServer Shared => SharedServer.Value;

    /// <param name="Json">ffprobe-shaped JSON when a description succeeded.</param>
    /// <param name="Errors">libav's error-level lines (then "&lt;input&gt;: &lt;reason&gt;" when the input was refused).</param>
    /// <param name="Timestamps">A packet scan's timestamps, null where a packet has none.</param>
    /// <param name="Crash">Set when the child ended while answering (e.g. "exit code 139"): the input broke libav.</param>
    public sealed record Answer(bool Ok, string Json, string Errors, IReadOnlyList<long?> Timestamps, string? Crash = null);

    public Task<Answer> DescribeAsync(string url, CancellationToken cancellationToken) =>
        AskAsync((byte)'D', Encoding.UTF8.GetBytes(url), cancellationToken);

    /// <summary>Describes a stream's first bytes, as ffprobe would read them from a pipe.</summary>
    public Task<Answer> DescribeHeadAsync(ReadOnlyMemory<byte> head, CancellationToken cancellationToken) =>
        AskAsync((byte)'H', head, cancellationToken);

    public Task<Answer> ScanPacketsAsync(string url, CancellationToken cancellationToken) =>
        AskAsync((byte)'P', Encoding.UTF8.GetBytes(url), cancellationToken);

    private async Task<Answer> AskAsync(byte operation, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var reused = idle.TryTake(out var child);
            child ??= ToolProcess.Start(executable, [], NullLogger.Instance);
            var sent = false;
            Answer answer;
            try
            {
                using (cancellationToken.Register(child.Kill))
                {
                    await SendAsync(child, operation, payload, cancellationToken).ConfigureAwait(false);
                    sent = true;
                    answer = await ReceiveAsync(child, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException or OperationCanceledException)
            {
                // Reaps the child (killing it first if it still runs) and records how it ended.
                await child.DisposeAsync().ConfigureAwait(false);
                var code = child.ExitCode;
                cancellationToken.ThrowIfCancellationRequested();
                if (reused && !sent)
                {
                    continue; // an idle child that had died meanwhile (e.g. killed from outside) never saw this input
                }

                if (code is NotExecutable or LoaderFailed)
                {
                    // The loader or the kernel refused the helper (e.g. a libavformat it was built against is gone):
                    // a broken installation, not a bad input, so no input is failed for it.
                    throw new InvalidOperationException($"{executable} cannot run (exit code {code}): {child.Tail}");
                }

                return new Answer(false, "", child.Tail.ToString(), [], code switch
                {
                    null => "it did not exit",
                    > 128 => $"exit code {code}: signal {code - 128}",
                    _ => $"exit code {code}",
                });
            }

            // A cancellation that fired as the answer arrived has killed the child: it must not serve the next request.
            if (child.WasKilled)
            {
                await child.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                idle.Add(child);
            }

            return answer;
        }
    }

    private static async Task SendAsync(ToolProcess process, byte operation, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[5];
        header[0] = operation;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), (uint)payload.Length);
        await process.StandardInput.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await process.StandardInput.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Answer> ReceiveAsync(ToolProcess process, CancellationToken cancellationToken)
    {
        var output = process.StandardOutput;
        var ok = (await ReadAsync(output, 1, cancellationToken).ConfigureAwait(false))[0] == 1;
        var json = Encoding.UTF8.GetString(await ReadAsync(output, await ReadLengthAsync(output, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        var errors = Encoding.UTF8.GetString(await ReadAsync(output, await ReadLengthAsync(output, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
        var count = await ReadLengthAsync(output, cancellationToken).ConfigureAwait(false);
        var raw = await ReadAsync(output, count * sizeof(long), cancellationToken).ConfigureAwait(false);
        var timestamps = new long?[count];
        for (var i = 0; i < count; i++)
        {
            var pts = BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(i * sizeof(long)));
            timestamps[i] = pts == long.MinValue ? null : pts;
        }

        return new Answer(ok, json, errors, timestamps);
    }

    private static async Task<int> ReadLengthAsync(Stream stream, CancellationToken cancellationToken) =>
        checked((int)BinaryPrimitives.ReadUInt32LittleEndian(await ReadAsync(stream, sizeof(uint), cancellationToken).ConfigureAwait(false)));

    private static async Task<byte[]> ReadAsync(Stream stream, int count, CancellationToken cancellationToken)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer;
    }

    private static string Locate() =>
        NativeFileLocator.Find(FileName, OverrideVariable, typeof(ProbeServer).Assembly)
        ?? throw new FileNotFoundException(
            $"{FileName} was found neither next to the application nor next to VideoPipe.Media.dll: build the solution (scripts/setup.sh builds native/media against libavformat-dev) or set {OverrideVariable}",
            FileName);
}

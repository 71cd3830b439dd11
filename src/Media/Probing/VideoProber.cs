using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Media.Probing;
using VideoPipe.Media.Processes;

namespace VideoPipe.Media;

/// <summary>
/// Describes a video as `ffprobe -print_format json -show_streams -show_format` does, asking libavformat through
/// the process's long-lived videopipe-probe child (<see cref="ProbeServer"/>) rather than starting ffprobe.
/// </summary>
public sealed class VideoProber
{
    private readonly ProbeServer? server;
    private readonly ILogger logger;

    public VideoProber(ILogger<VideoProber>? logger = null)
        : this(null, logger)
    {
    }

    /// <param name="server">Null for the process's shared server.</param>
    internal VideoProber(ProbeServer? server, ILogger<VideoProber>? logger = null)
    {
        this.server = server;
        this.logger = logger ?? NullLogger<VideoProber>.Instance;
    }

    private ProbeServer Server => server ?? ProbeServer.Shared;

    /// <exception cref="VideoInputException">Missing, empty, unreadable or video-less input, or a timeout.</exception>
    public async Task<VideoInfo> ProbeAsync(string path, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ProbeOptions.Default;
        var size = InputFileCheck.RequireNonEmptyFile(path);
        using var deadline = new ItemDeadline(options.Timeout, cancellationToken);
        try
        {
            var info = await ProbeCoreAsync(FileUrl(path), path, ReadOnlyMemory<byte>.Empty, deadline.Token).ConfigureAwait(false);
            if (info.FrameCount is null && size <= options.PacketScanMaxBytes)
            {
                info = await ScanPacketsAsync(info, deadline.Token).ConfigureAwait(false);
            }
            else if (info.FrameCount is null)
            {
                info = WithEstimatedFrameCount(info);
            }

            return info;
        }
        catch (OperationCanceledException) when (deadline.TimedOut)
        {
            throw new VideoInputException(path, VideoInputErrorKind.Timeout, $"probing did not finish within {options.Timeout}");
        }
    }

    /// <summary>Probes the first bytes of a stream (stdin, a pipe): stream parameters only, no reliable duration or frame count.</summary>
    internal Task<VideoInfo> ProbeHeadAsync(ReadOnlyMemory<byte> head, string displayName, CancellationToken cancellationToken) =>
        head.Length == 0
            ? throw new VideoInputException(displayName, VideoInputErrorKind.EmptyFile, "the stream is empty")
            : ProbeCoreAsync(null, displayName, head, cancellationToken);

    private async Task<VideoInfo> ProbeCoreAsync(string? url, string displayName, ReadOnlyMemory<byte> head, CancellationToken cancellationToken)
    {
        var answer = url is null
            ? await Server.DescribeHeadAsync(head, cancellationToken).ConfigureAwait(false)
            : await Server.DescribeAsync(url, cancellationToken).ConfigureAwait(false);
        if (answer.Crash is { } crash)
        {
            throw new VideoInputException(displayName, VideoInputErrorKind.DecoderFailed, $"libavformat crashed while probing it (videopipe-probe {crash})", answer.Errors);
        }

        if (!answer.Ok)
        {
            throw ClassifyFailure(displayName, answer.Errors);
        }

        return Probing.FfprobeJsonParser.Parse(answer.Json, displayName)
            ?? throw new VideoInputException(displayName, VideoInputErrorKind.NoVideoStream, "the input has no video stream (audio only or data only)", answer.Errors);
    }

    private static VideoInputException ClassifyFailure(string path, string errorTail)
    {
        if (errorTail.Contains("moov atom not found", StringComparison.Ordinal) && Probing.Mp4Boxes.StartsWithBox(path))
        {
            return new VideoInputException(path, VideoInputErrorKind.Truncated, "the MP4/MOV index (moov atom) is missing: the file was truncated or never finalised", errorTail);
        }

        if (errorTail.Contains("No such file", StringComparison.Ordinal))
        {
            return new VideoInputException(path, VideoInputErrorKind.NotFound, "the file does not exist", errorTail);
        }

        return new VideoInputException(path, VideoInputErrorKind.NotAVideo, "libavformat does not recognise it as a media file", errorTail);
    }

    private async Task<VideoInfo> ScanPacketsAsync(VideoInfo info, CancellationToken cancellationToken)
    {
        var scan = await Server.ScanPacketsAsync(FileUrl(info.Path), cancellationToken).ConfigureAwait(false);
        if (!scan.Ok)
        {
            logger.LogWarning("Packet scan of {Path} failed ({Crash}); estimating the frame count. {Errors}", info.Path, scan.Crash ?? "refused", scan.Errors);
            return WithEstimatedFrameCount(info);
        }

        var timestamps = scan.Timestamps.OfType<long>().ToList();
        return info with
        {
            FrameCount = scan.Timestamps.Count,
            FrameCountSource = FrameCountSource.PacketScan,
            IsVariableFrameRate = Probing.PacketTimestamps.IsVariable(timestamps),
            VariableFrameRateMeasured = timestamps.Count == scan.Timestamps.Count,
        };
    }

    /// <summary>"file:" keeps names that contain "proto:" from being read as protocols.</summary>
    private static string FileUrl(string path) => "file:" + Path.GetFullPath(path);

    private static VideoInfo WithEstimatedFrameCount(VideoInfo info) =>
        info.Duration is { } duration && info.AverageFrameRate.IsKnown
            ? info with { FrameCount = (long)Math.Round(duration.TotalSeconds * info.AverageFrameRate.ToDouble()), FrameCountSource = FrameCountSource.Estimated }
            : info;
}

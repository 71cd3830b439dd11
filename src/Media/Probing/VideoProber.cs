using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Media.Processes;

namespace VideoPipe.Media;

/// <summary>Describes a video with ffprobe (`-print_format json -show_streams -show_format`).</summary>
public sealed class VideoProber(MediaTools? tools = null, ILogger<VideoProber>? logger = null)
{
    private readonly MediaTools tools = tools ?? MediaTools.Default;
    private readonly ILogger logger = logger ?? NullLogger<VideoProber>.Instance;

    /// <exception cref="VideoInputException">Missing, empty, unreadable or video-less input, or a timeout.</exception>
    public async Task<VideoInfo> ProbeAsync(string path, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ProbeOptions.Default;
        var size = InputFileCheck.RequireNonEmptyFile(path);
        using var deadline = new ItemDeadline(options.Timeout, cancellationToken);
        try
        {
            var info = await ProbeCoreAsync(ToolPath(path), path, input: null, deadline.Token).ConfigureAwait(false);
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
            throw new VideoInputException(path, VideoInputErrorKind.Timeout, $"ffprobe did not finish within {options.Timeout}");
        }
    }

    /// <summary>Probes the first bytes of a stream (stdin, a pipe): stream parameters only, no reliable duration or frame count.</summary>
    internal Task<VideoInfo> ProbeHeadAsync(ReadOnlyMemory<byte> head, string displayName, CancellationToken cancellationToken) =>
        head.Length == 0
            ? throw new VideoInputException(displayName, VideoInputErrorKind.EmptyFile, "the stream is empty")
            : ProbeCoreAsync("pipe:0", displayName, head, cancellationToken);

    private async Task<VideoInfo> ProbeCoreAsync(string source, string displayName, ReadOnlyMemory<byte>? input, CancellationToken cancellationToken)
    {
        string[] arguments = ["-hide_banner", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", source];
        var result = await ToolRun.CaptureAsync(tools.Ffprobe, arguments, input, logger, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw ClassifyFailure(displayName, result.ErrorTail);
        }

        return Probing.FfprobeJsonParser.Parse(result.Output, displayName)
            ?? throw new VideoInputException(displayName, VideoInputErrorKind.NoVideoStream, "the input has no video stream (audio only or data only)", result.ErrorTail);
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

        return new VideoInputException(path, VideoInputErrorKind.NotAVideo, "ffprobe does not recognise it as a media file", errorTail);
    }

    private async Task<VideoInfo> ScanPacketsAsync(VideoInfo info, CancellationToken cancellationToken)
    {
        string[] arguments = ["-hide_banner", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts", "-of", "csv=p=0", ToolPath(info.Path)];
        var result = await ToolRun.CaptureAsync(tools.Ffprobe, arguments, null, logger, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            logger.LogWarning("Packet scan of {Path} failed; estimating the frame count. {Tail}", info.Path, result.ErrorTail);
            return WithEstimatedFrameCount(info);
        }

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var timestamps = lines
            .Select(line => long.TryParse(line.TrimEnd(','), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pts) ? pts : (long?)null)
            .OfType<long>()
            .ToList();
        return info with
        {
            FrameCount = lines.Length,
            FrameCountSource = FrameCountSource.PacketScan,
            IsVariableFrameRate = Probing.PacketTimestamps.IsVariable(timestamps),
            VariableFrameRateMeasured = timestamps.Count == lines.Length,
        };
    }

    /// <summary>"file:" keeps names that start with "-" or contain "proto:" from being read as options or protocols.</summary>
    private static string ToolPath(string path) => "file:" + Path.GetFullPath(path);

    private static VideoInfo WithEstimatedFrameCount(VideoInfo info) =>
        info.Duration is { } duration && info.AverageFrameRate.IsKnown
            ? info with { FrameCount = (long)Math.Round(duration.TotalSeconds * info.AverageFrameRate.ToDouble()), FrameCountSource = FrameCountSource.Estimated }
            : info;
}

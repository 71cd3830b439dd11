using System.Globalization;
using System.Text.Json;

namespace VideoPipe.Media.Probing;

/// <summary>Turns `ffprobe -print_format json -show_streams -show_format` output into a <see cref="VideoInfo"/>.</summary>
internal static class FfprobeJsonParser
{
    /// <summary>Null when the document has no video stream.</summary>
    public static VideoInfo? Parse(string json, string path)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var streams = root.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(stream => Text(stream, "codec_type") == "video" && !IsAttachedPicture(stream));
        if (video.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var format = root.TryGetProperty("format", out var formatElement) ? formatElement : default;
        var pixelFormat = Text(video, "pix_fmt") ?? "unknown";
        var (rotation, mirrored) = ReadDisplayTransform(video);
        var averageRate = Rational.Parse(Text(video, "avg_frame_rate"));
        var realRate = Rational.Parse(Text(video, "r_frame_rate"));
        var duration = Seconds(video, "duration") ?? (format.ValueKind == JsonValueKind.Object ? ContainerLength(format) : null);
        var headerFrames = Integer(video, "nb_frames");

        return new VideoInfo
        {
            Path = path,
            Container = format.ValueKind == JsonValueKind.Object ? Text(format, "format_name") ?? "unknown" : "unknown",
            Codec = Text(video, "codec_name") ?? "none",
            CodecProfile = Text(video, "profile"),
            Width = (int)(Integer(video, "width") ?? 0),
            Height = (int)(Integer(video, "height") ?? 0),
            DisplayRotation = rotation,
            DisplayMirrored = mirrored,
            SampleAspectRatio = Rational.Parse(Text(video, "sample_aspect_ratio")) is { IsKnown: true } sar ? sar : new(1, 1),
            PixelFormat = pixelFormat,
            BitDepth = PixelFormats.BitDepth(pixelFormat),
            ColorRange = Text(video, "color_range") switch
            {
                "tv" => ColorRange.Limited,
                "pc" => ColorRange.Full,
                _ => ColorRange.Unspecified,
            },
            ColorSpace = Specified(Text(video, "color_space")),
            ColorTransfer = Specified(Text(video, "color_transfer")),
            ColorPrimaries = Specified(Text(video, "color_primaries")),
            TimeBase = Rational.Parse(Text(video, "time_base")),
            AverageFrameRate = averageRate,
            RealFrameRate = realRate,
            IsVariableFrameRate = averageRate.IsKnown && realRate.IsKnown && Math.Abs(averageRate.ToDouble() / realRate.ToDouble() - 1) > 0.01,
            StartTime = Seconds(video, "start_time") ?? 0,
            Duration = duration is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            DurationIsVideoStream = Seconds(video, "duration") is not null,
            FrameCount = headerFrames is > 0 ? headerFrames : null,
            FrameCountSource = headerFrames is > 0 ? FrameCountSource.ContainerHeader : FrameCountSource.Unknown,
            HasAudio = streams.Any(stream => Text(stream, "codec_type") == "audio"),
        };
    }

    /// <summary>
    /// Matroska's segment duration and MP4's movie duration are measured from timestamp 0, so for a stream that starts
    /// at 10 s and lasts 4 s they say 14 s; containers without such a field (MPEG-TS, …) get a length computed from
    /// the first and last timestamps. Both are turned into the length counted from the start time, the origin of the
    /// reader's timestamps.
    /// </summary>
    private static double? ContainerLength(JsonElement format)
    {
        if (Seconds(format, "duration") is not { } duration)
        {
            return null;
        }

        var start = Seconds(format, "start_time") ?? 0;
        var countsFromZero = Text(format, "format_name") is { } name
            && (name.StartsWith("matroska", StringComparison.Ordinal) || name.StartsWith("mov,", StringComparison.Ordinal));
        return countsFromZero && start > 0 && duration > start ? duration - start : duration;
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.TryGetProperty("attached_pic", out var attached)
        && attached.ValueKind == JsonValueKind.Number && attached.GetInt32() == 1;

    /// <summary>
    /// The display matrix itself decides: ffprobe's "rotation" (av_display_rotation_get) is ambiguous once the matrix
    /// mirrors (a plain horizontal mirror reads as −180°). Without a matrix, ffprobe's rotation (counter-clockwise
    /// degrees) or the legacy "rotate" tag (clockwise degrees, old files) is used.
    /// </summary>
    private static (int ClockwiseDegrees, bool Mirrored) ReadDisplayTransform(JsonElement video)
    {
        if (video.TryGetProperty("side_data_list", out var sideData))
        {
            foreach (var entry in sideData.EnumerateArray())
            {
                if (Text(entry, "side_data_type") != "Display Matrix")
                {
                    continue;
                }

                if (DisplayMatrix.Parse(Text(entry, "displaymatrix")) is { } transform)
                {
                    return transform;
                }

                var counterClockwise = entry.TryGetProperty("rotation", out var rotation) && rotation.ValueKind == JsonValueKind.Number ? rotation.GetDouble() : 0;
                return (DisplayMatrix.NormaliseQuarterTurns(-counterClockwise), false);
            }
        }

        if (video.TryGetProperty("tags", out var tags) && Text(tags, "rotate") is { } rotateTag
            && double.TryParse(rotateTag, NumberStyles.Float, CultureInfo.InvariantCulture, out var clockwise))
        {
            return (DisplayMatrix.NormaliseQuarterTurns(clockwise), false);
        }

        return (0, false);
    }

    private static string? Specified(string? value) => value is null or "unknown" or "unspecified" or "reserved" ? null : value;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static long? Integer(JsonElement element, string name) =>
        long.TryParse(Text(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Seconds(JsonElement element, string name) =>
        double.TryParse(Text(element, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}

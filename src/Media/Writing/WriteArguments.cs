using System.Globalization;

namespace VideoPipe.Media.Writing;

/// <summary>The ffmpeg command line that turns raw rgb24 on stdin into an encoded file or stream.</summary>
internal static class WriteArguments
{
    public static VideoContainer ContainerFor(string? path, VideoWriteOptions options) =>
        options.Container ?? (Path.GetExtension(path ?? "").ToLowerInvariant() switch
        {
            ".mp4" or ".mov" or ".m4v" => VideoContainer.Mp4,
            ".nut" => VideoContainer.Nut,
            _ => VideoContainer.Matroska,
        });

    public static IReadOnlyList<string> Build(VideoWriteOptions options, VideoContainer container, string output, bool seekableOutput)
    {
        var arguments = new List<string>
        {
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+warning", "-y",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-video_size", $"{options.Width}x{options.Height}",
            "-framerate", options.FrameRate.ToString(),
            "-i", "pipe:0",
            "-map", "0:v:0",
        };

        switch (options.Encoding)
        {
            case VideoEncoding.H264:
                // 4:2:0 needs even sizes: odd frames get one black column/row on the right/bottom.
                arguments.AddRange([
                    "-filter:v", "pad=w=ceil(iw/2)*2:h=ceil(ih/2)*2,scale=out_color_matrix=bt709:out_range=limited,format=yuv420p",
                    "-c:v", "libx264", "-preset", options.Preset, "-crf", options.Crf.ToString(CultureInfo.InvariantCulture),
                    "-pix_fmt", "yuv420p",
                    "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"]);
                break;
            case VideoEncoding.LosslessFfv1:
                arguments.AddRange(["-c:v", "ffv1", "-level", "3", "-pix_fmt", "bgr0"]);
                break;
            case VideoEncoding.LosslessH264Rgb:
                arguments.AddRange(["-c:v", "libx264rgb", "-preset", options.Preset, "-qp", "0", "-pix_fmt", "rgb24"]);
                break;
        }

        arguments.AddRange(container switch
        {
            VideoContainer.Mp4 when seekableOutput => ["-movflags", "+faststart", "-f", "mp4"],
            VideoContainer.Mp4 => ["-movflags", "frag_keyframe+empty_moov+default_base_moof", "-f", "mp4"],
            VideoContainer.Nut => ["-f", "nut"],
            _ => ["-f", "matroska"],
        });
        arguments.Add(output);
        return arguments;
    }
}

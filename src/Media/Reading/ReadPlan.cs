namespace VideoPipe.Media.Reading;

/// <summary>The ffmpeg command line for one read and the frame size it will produce.</summary>
internal sealed record ReadPlan(int Width, int Height, string FilterGraph, IReadOnlyList<string> InputOptions, IReadOnlyList<string> OutputOptions, TimeSpan PtsOffset)
{
    public int FrameBytes => checked(Width * Height * 3);

    public IEnumerable<string> ArgumentsFor(string input) =>
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+info",
         .. InputOptions, "-i", input,
         "-map", "0:v:0", "-an", "-sn", "-dn",
         "-filter:v", FilterGraph,
         "-fps_mode", "passthrough",
         .. OutputOptions,
         "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"];
}

namespace VideoPipe.Media.Reading;

/// <summary>The ffmpeg command line for one read and the frame size it will produce.</summary>
internal sealed record ReadPlan(int Width, int Height, string FilterGraph, IReadOnlyList<string> InputOptions, IReadOnlyList<string> OutputOptions, TimeSpan PtsOffset)
{
    public int FrameBytes => checked(Width * Height * 3);

    /// <summary>The fps filter's rate when output pts lie on its grid (only the first frame's pts is reported).</summary>
    public Rational? GridRate { get; init; }

    public IEnumerable<string> ArgumentsFor(string input) =>
        ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "level+info",
         .. InputOptions, "-i", input,
         "-map", "0:v:0", "-an", "-sn", "-dn",
         "-filter:v", FilterGraph,
         "-fps_mode", "passthrough",
         .. OutputOptions,
         // Unbuffered output: each frame goes to the pipe in one write instead of being copied through a 32 KiB buffer first.
         "-avioflags", "direct",
         "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"];
}

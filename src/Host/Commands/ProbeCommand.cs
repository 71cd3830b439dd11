using System.CommandLine;
using System.Globalization;
using VideoPipe.Media;

namespace VideoPipe.Host;

internal static class ProbeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Video file to describe." };
        var json = new Option<bool>("--json") { Description = "Print the description as JSON." };
        var command = new Command("probe", "Describe a video: container, codec, size, rotation, colour, frame rate, duration, frame count.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                var info = await new VideoProber().ProbeAsync(parseResult.GetValue(file)!, cancellationToken: cancellationToken);
                Console.WriteLine(parseResult.GetValue(json) ? VideoInfoJson.Serialize(info) : Describe(info));
                return 0;
            }
            catch (VideoInputException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }

    private static string Describe(VideoInfo info)
    {
        var frames = info.FrameCount is { } count
            ? $"{count}{(info.FrameCountIsExact ? "" : " (estimated)")} [{info.FrameCountSource}]"
            : "unknown";
        var duration = info.Duration is { } length ? length.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "unknown";
        var variable = info.IsVariableFrameRate ? "yes" : "no";
        return string.Join(Environment.NewLine,
            $"file:        {info.Path}",
            $"container:   {info.Container}",
            $"codec:       {info.Codec}{(info.CodecProfile is { } profile ? $" ({profile})" : "")}",
            $"size:        {info.Width}x{info.Height}, displayed {info.DisplayWidth}x{info.DisplayHeight} (rotation {info.DisplayRotation}° clockwise{(info.DisplayMirrored ? ", mirrored" : "")}), SAR {info.SampleAspectRatio}",
            $"pixels:      {info.PixelFormat}, {info.BitDepth} bit, range {info.ColorRange}, matrix {info.ColorSpace ?? "unspecified"}, transfer {info.ColorTransfer ?? "unspecified"}, primaries {info.ColorPrimaries ?? "unspecified"}",
            $"timing:      time base {info.TimeBase}, avg {info.AverageFrameRate} fps, real {info.RealFrameRate} fps, variable {variable}{(info.VariableFrameRateMeasured ? " (measured)" : " (heuristic)")}",
            $"duration:    {duration}, start {info.StartTime.ToString("0.###", CultureInfo.InvariantCulture)} s",
            $"frames:      {frames}",
            $"audio:       {(info.HasAudio ? "yes" : "no")}");
    }
}

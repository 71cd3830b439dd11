using System.Globalization;

namespace VideoPipe.Media.Reading;

/// <summary>
/// Builds the filter graph so ffmpeg does all pixel work:
/// fps (PTS-based resampling) → trim (frame range) → transpose/flip (display rotation; autorotate is off) →
/// scale (resize + explicit range/matrix YCbCr→RGB) → rgb24 → crop/pad → showinfo (reports each frame's pts).
/// </summary>
internal static class ReadPlanner
{
    public static ReadPlan Create(VideoInfo info, VideoReadOptions options)
    {
        var geometry = OutputGeometry.For(info, options);
        var filters = new List<string>();
        if (options.TargetFrameRate is { } rate)
        {
            filters.Add($"fps=fps={rate}");
        }

        if (options.StartFrame is not null || options.EndFrame is not null)
        {
            var trim = $"trim=start_frame={options.StartFrame ?? 0}";
            filters.Add(options.EndFrame is { } end ? $"{trim}:end_frame={end}" : trim);
        }

        filters.AddRange(info.DisplayRotation switch
        {
            90 => ["transpose=clock"],
            180 => ["hflip", "vflip"],
            270 => ["transpose=cclock"],
            _ => [],
        });

        var scale = $"scale=w={geometry.ScaledWidth}:h={geometry.ScaledHeight}:flags={options.ScalerFlags}";
        if (ColorConversion.For(info) is { } color)
        {
            scale += $":in_range={color.InputRange}:out_range=full:in_color_matrix={color.InputMatrix}:out_color_matrix=bt709";
        }

        filters.Add(scale);
        filters.Add("format=rgb24");
        if (geometry.Width != geometry.ScaledWidth || geometry.Height != geometry.ScaledHeight)
        {
            filters.Add(options.Fit == SizeFitMode.CenterCrop
                ? $"crop=w={geometry.Width}:h={geometry.Height}:x={geometry.OffsetX}:y={geometry.OffsetY}"
                : $"pad=w={geometry.Width}:h={geometry.Height}:x={geometry.OffsetX}:y={geometry.OffsetY}:color=black");
        }

        filters.Add("showinfo=checksum=0");

        var inputOptions = new List<string> { "-noautorotate" };
        if (options.Start is { } start && start > TimeSpan.Zero)
        {
            inputOptions.AddRange(["-ss", Seconds(start)]);
        }

        if (options.End is { } stop)
        {
            inputOptions.AddRange(["-t", Seconds(stop - (options.Start ?? TimeSpan.Zero))]);
        }

        var outputOptions = new List<string>();
        if (options.MaxFrames is { } maxFrames)
        {
            outputOptions.AddRange(["-frames:v", maxFrames.ToString(CultureInfo.InvariantCulture)]);
        }

        return new ReadPlan(geometry.Width, geometry.Height, string.Join(',', filters), inputOptions, outputOptions, options.Start ?? TimeSpan.Zero);
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}

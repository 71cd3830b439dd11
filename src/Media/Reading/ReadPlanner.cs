using System.Globalization;

namespace VideoPipe.Media.Reading;

/// <summary>
/// Builds the filter graph so ffmpeg does all pixel work:
/// fps (PTS-based resampling) → trim (frame range) → transpose/flip (display rotation and mirror; see
/// <see cref="UprightFilters"/>) →
/// scale (resize + explicit range/matrix YCbCr→RGB) → rgb24 → crop/pad → showinfo (reports each frame's pts; with a
/// target frame rate only the first frame's, on a side branch, as the others follow on the fps grid).
/// </summary>
internal static class ReadPlanner
{
    internal const string EveryFrameShowInfo = "showinfo=checksum=0";

    internal const string FirstFrameShowInfo = "split[out][first];[first]select=not(n),showinfo=checksum=0,nullsink";

    public const string FastScalerFlags = "bicubic";

    public const string AccurateScalerFlags = "bicubic+accurate_rnd+full_chroma_int";

    public static ReadPlan Create(VideoInfo info, VideoReadOptions options)
    {
        var geometry = OutputGeometry.For(info, options);
        var filters = new List<string>();
        if (options.TargetFrameRate is { } rate)
        {
            if (SelectionLead(info, rate) is > 0 and var lead)
            {
                filters.Add($"setpts=PTS+{lead.ToString("0.#########", CultureInfo.InvariantCulture)}/TB");
            }

            filters.Add($"fps=fps={rate}");
        }

        if (options.StartFrame is not null || options.EndFrame is not null)
        {
            var trim = $"trim=start_frame={options.StartFrame ?? 0}";
            filters.Add(options.EndFrame is { } end ? $"{trim}:end_frame={end}" : trim);
        }

        filters.AddRange(UprightFilters.For(info));

        var flags = options.ScalerFlags ?? (info.BitDepth > 8 ? AccurateScalerFlags : FastScalerFlags);
        var scale = $"scale=w={geometry.ScaledWidth}:h={geometry.ScaledHeight}:flags={flags}";
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

        filters.Add(options.TargetFrameRate is null ? EveryFrameShowInfo : FirstFrameShowInfo);

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

        return new ReadPlan(geometry.Width, geometry.Height, string.Join(',', filters), inputOptions, outputOptions, options.Start ?? TimeSpan.Zero)
        {
            GridRate = options.TargetFrameRate,
        };
    }

    /// <summary>
    /// The fps filter (round=near) fills output slot k with the last input frame whose pts·R rounds to ≤ k,
    /// i.e. pts·R &lt; k + ½. That tolerates jitter of half an output interval, but when downsampling it picks
    /// a frame up to half an output interval late (20→5 fps would give source frames 1, 5, 9… instead of
    /// 0, 4, 8…). Moving every pts forward by s = (½ − δ)/R narrows the window to pts·R &lt; k + δ with
    /// δ = min(½, ½ · source interval / output interval): half a source frame of jitter is still absorbed and
    /// each slot gets the frame on screen at its time. Output timestamps are the fps filter's own k/R, so the
    /// shift does not leak into them.
    /// </summary>
    internal static double SelectionLead(VideoInfo info, Rational outputRate)
    {
        var sourceRate = info.AverageFrameRate.IsKnown ? info.AverageFrameRate : info.RealFrameRate;
        if (!sourceRate.IsKnown)
        {
            return 0;
        }

        var tolerance = Math.Min(0.5, 0.5 * outputRate.ToDouble() / sourceRate.ToDouble());
        return (0.5 - tolerance) / outputRate.ToDouble();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VideoPipe.Engine.Stages;
using VideoPipe.Media;

namespace VideoPipe.Host;

/// <summary>
/// <c>videopipe baseline video [--frames 33 --crop 128]</c>: mean PSNR/SSIM of the weight-free baseline
/// (<see cref="WeightFreeBaseline"/>) on a video's first frames, centre-cropped; the bar a tokenizer has to clear.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var video = new Argument<string>("video") { Description = "video to score" };
        var frames = new Option<int>("--frames") { Description = "frames from the start", DefaultValueFactory = _ => 33 };
        var crop = new Option<int>("--crop") { Description = "centre crop, a square of this side (a multiple of 8)", DefaultValueFactory = _ => 128 };
        var shorterSide = new Option<int?>("--shorter-side") { Description = "resize so the shorter side has this many pixels before cropping (default: native size)" };
        var stride = new Option<int>("--temporal-stride") { Description = "keep every this-many-th frame (4 matches a 4x temporal latent)", DefaultValueFactory = _ => WeightFreeBaseline.TemporalStride };
        var json = new Option<bool>("--json") { Description = "print size, means and per-frame PSNR/SSIM as JSON" };
        var command = new Command("baseline", "PSNR/SSIM of the weight-free baseline: 8x area downscale, every 4th frame (--temporal-stride), bicubic and linear upscale.")
        {
            video, frames, crop, shorterSide, stride, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var score = await BaselineMeasurement.MeasureAsync(parse.GetValue(video)!, parse.GetValue(frames), parse.GetValue(crop), parse.GetValue(shorterSide), parse.GetValue(stride), cancellationToken);
                Console.WriteLine(parse.GetValue(json)
                    ? JsonSerializer.Serialize(score, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase })
                    : string.Create(CultureInfo.InvariantCulture,
                        $"baseline (8x area down, every 4th frame, bicubic + linear up): {score.Frames.Count} frames {score.Width}x{score.Height}, mean PSNR {score.MeanPsnr:0.00} dB, mean SSIM {score.MeanSsim:0.0000}"));
                return 0;
            }
            catch (Exception e) when (e is VideoInputException or InvalidDataException or ArgumentException)
            {
                Console.Error.WriteLine($"videopipe baseline: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}

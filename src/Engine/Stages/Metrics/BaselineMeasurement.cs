using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Scores <see cref="WeightFreeBaseline"/> on a video file: its first frames, optionally resized (shorter side),
/// centre-cropped to a square, reconstructed and compared with <see cref="FrameQuality"/> (PSNR, SSIM).
/// </summary>
public static class BaselineMeasurement
{
    /// <summary>Scores uint8 [T, H, W, 3] frames against their baseline reconstruction.</summary>
    public static BaselineScore Score(Tensor frames, int temporalStride = WeightFreeBaseline.TemporalStride)
    {
        using var reconstruction = WeightFreeBaseline.Reconstruct(frames, temporalStride);
        var scores = FrameQuality.Compare(frames, reconstruction);
        return new BaselineScore((int)frames.Size(2), (int)frames.Size(1), scores.Select((s, i) => new FrameMetrics(i, s.Psnr, s.Ssim)).ToList());
    }

    /// <summary>
    /// Reads the first <paramref name="frames"/> frames of <paramref name="video"/> (after resizing its shorter side to
    /// <paramref name="shorterSide"/> when given), crops the centre <paramref name="crop"/> x <paramref name="crop"/> and scores them.
    /// </summary>
    public static async Task<BaselineScore> MeasureAsync(string video, int frames, int crop, int? shorterSide = null, int temporalStride = WeightFreeBaseline.TemporalStride,
        CancellationToken cancellationToken = default)
    {
        if (frames < 1)
        {
            throw new ArgumentException($"the baseline needs at least one frame, got {frames}");
        }

        if (crop < WeightFreeBaseline.SpatialFactor || crop % WeightFreeBaseline.SpatialFactor != 0)
        {
            throw new ArgumentException($"the crop must be a positive multiple of {WeightFreeBaseline.SpatialFactor} (the baseline averages {WeightFreeBaseline.SpatialFactor}x{WeightFreeBaseline.SpatialFactor} blocks), got {crop}");
        }

        using var clip = await ReadCentreAsync(video, frames, crop, shorterSide, cancellationToken);
        return Score(clip, temporalStride);
    }

    private static async Task<Tensor> ReadCentreAsync(string video, int frames, int crop, int? shorterSide, CancellationToken cancellationToken)
    {
        using var whole = await ClipFrames.ReadAsync(video, new VideoReadOptions { MaxFrames = frames, ShorterSide = shorterSide }, cancellationToken);
        long read = whole.Size(0), height = whole.Size(1), width = whole.Size(2);
        if (width < crop || height < crop)
        {
            throw new InvalidDataException($"{video}: frames are {width}x{height}, smaller than the {crop}x{crop} crop");
        }

        if (read < frames)
        {
            throw new InvalidDataException($"{video}: has {read} frames, {frames} wanted");
        }

        using var rows = whole.Narrow(1, (height - crop) / 2, crop);
        using var centre = rows.Narrow(2, (width - crop) / 2, crop);
        return centre.Contiguous();
    }
}

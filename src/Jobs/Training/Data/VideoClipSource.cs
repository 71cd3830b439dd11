using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using VideoPipe.Media;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// Clips decoded with ffmpeg (src/Media): the shorter side scaled to the crop size, a random (or centre) square
/// crop, a random start and frame stride, an optional horizontal flip. A file that cannot give a clip is
/// quarantined with the reason and another is drawn; the last <see cref="EvalOptions.Clips"/> files are held out.
/// </summary>
public sealed class VideoClipSource : IClipSource
{
    private const int MaxDraws = 64;
    private readonly DataOptions data;
    private readonly QuarantineLog quarantine;
    private readonly ILogger logger;
    private readonly VideoReader reader = new();
    private readonly VideoProber prober = new();
    private readonly ConcurrentDictionary<string, VideoInfo> probed = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string> training;
    private readonly IReadOnlyList<string> evaluation;
    private readonly DecodedClipCache? cache;

    public VideoClipSource(DataOptions data, EvalOptions eval, QuarantineLog quarantine, ILogger logger)
    {
        this.data = data;
        this.quarantine = quarantine;
        this.logger = logger;
        cache = data.CacheMb > 0 ? new DecodedClipCache(data.CacheMb * 1024L * 1024L) : null;
        var files = VideoFileList.Collect(data);
        if (eval.Folders.Count > 0)
        {
            training = files;
            evaluation = VideoFileList.Collect(new DataOptions { Source = DataOptions.Videos, Folders = eval.Folders }).Take(eval.Clips).ToList();
            if (training.Count == 0 || evaluation.Count == 0)
            {
                throw new TrainingConfigException([$"data/eval: {training.Count} training and {evaluation.Count} held-out video(s) found; need at least one of each"]);
            }

            return;
        }

        var evaluationClips = eval.Clips;
        if (files.Count <= evaluationClips)
        {
            throw new TrainingConfigException([$"data: {files.Count} video(s) found, but eval.clips holds out {evaluationClips}: need more videos than held-out clips"]);
        }

        training = files.Take(files.Count - evaluationClips).ToList();
        evaluation = files.Skip(files.Count - evaluationClips).ToList();
    }

    public async Task<float[]> TrainingClipAsync(Random random, CancellationToken cancellationToken)
    {
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            var file = training[random.Next(training.Count)];
            var stride = data.FrameStrides[random.Next(data.FrameStrides.Count)];
            var (startFraction, cropFraction, flip) = (random.NextDouble(), random.NextDouble(), data.Flip && random.Next(2) == 1);
            if (quarantine.Contains(file))
            {
                continue;
            }

            try
            {
                return await ReadAsync(file, stride, startFraction, data.Crop == "random" ? cropFraction : 0.5, flip, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Quarantined {File}: {Reason}", file, e.Message);
                quarantine.Add(file, e.Message);
            }
        }

        throw new InvalidOperationException($"no readable video in {MaxDraws} draws ({quarantine.Count} of {training.Count} training videos quarantined; see quarantine.jsonl)");
    }

    public Task<float[]> EvaluationClipAsync(int index, CancellationToken cancellationToken) =>
        ReadAsync(evaluation[index % evaluation.Count], stride: 1, startFraction: 0, cropFraction: 0.5, flip: false, cancellationToken);

    private async Task<float[]> ReadAsync(string file, int stride, double startFraction, double cropFraction, bool flip, CancellationToken cancellationToken)
    {
        if (!probed.TryGetValue(file, out var info))
        {
            info = await prober.ProbeAsync(file, cancellationToken: cancellationToken);
            probed[file] = info;
        }

        var span = (long)(data.Frames - 1) * stride + 1;
        var available = info.FrameCount ?? span;
        if (available < span)
        {
            throw new InvalidDataException($"{available} frames, a clip of {data.Frames} frames at stride {stride} needs {span}");
        }

        var start = (long)(startFraction * (available - span + 1));
        var whole = cache is null ? null : await cache.GetAsync(file, () => DecodeAllAsync(info, cancellationToken));
        var (frames, width, height) = whole is not null ? Pick(whole, start, stride) : await DecodeAsync(info, start, span, stride, cancellationToken);
        if (frames.Count < data.Frames)
        {
            throw new InvalidDataException($"decoded {frames.Count} of the {data.Frames} frames a clip needs (from frame {start}, stride {stride})");
        }

        return ClipCrop.ToClip(frames, width, height, data.Size, cropFraction, flip);
    }

    private VideoReadOptions ReadOptions(long? start, long? count) => new() { ShorterSide = data.ShorterSide ?? data.Size, StartFrame = start, MaxFrames = count };

    private (List<byte[]> Frames, int Width, int Height) Pick(DecodedClip whole, long start, int stride)
    {
        var frames = new List<byte[]>(data.Frames);
        for (var i = start; i < whole.Frames.Count && frames.Count < data.Frames; i += stride)
        {
            frames.Add(whole.Frames[(int)i]);
        }

        return (frames, whole.Width, whole.Height);
    }

    private async Task<DecodedClip> DecodeAllAsync(VideoInfo info, CancellationToken cancellationToken)
    {
        var (frames, width, height) = await DecodeAsync(info, 0, null, 1, cancellationToken);
        return new DecodedClip(frames, width, height);
    }

    /// <summary>Frames start, start + stride, ... of the next <paramref name="span"/> (null: to the end).</summary>
    private async Task<(List<byte[]> Frames, int Width, int Height)> DecodeAsync(VideoInfo info, long start, long? span, int stride, CancellationToken cancellationToken)
    {
        var frames = new List<byte[]>();
        var (width, height) = (0, 0);
        var limit = span is null ? int.MaxValue : data.Frames;
        await foreach (var block in reader.ReadAsync(info, ReadOptions(start, span), cancellationToken))
        {
            using (block)
            {
                foreach (var frame in block)
                {
                    if ((frame.Index - start) % stride == 0 && frames.Count < limit)
                    {
                        frames.Add(frame.Span.ToArray());
                        (width, height) = (frame.Width, frame.Height);
                    }
                }
            }
        }

        return (frames, width, height);
    }
}

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

    public VideoClipSource(DataOptions data, EvalOptions eval, QuarantineLog quarantine, ILogger logger)
    {
        this.data = data;
        this.quarantine = quarantine;
        this.logger = logger;
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
        var options = new VideoReadOptions { ShorterSide = data.ShorterSide ?? data.Size, StartFrame = start, MaxFrames = span };
        var frames = new List<byte[]>();
        var (width, height) = (0, 0);
        await foreach (var block in reader.ReadAsync(info, options, cancellationToken))
        {
            using (block)
            {
                foreach (var frame in block)
                {
                    if ((frame.Index - start) % stride == 0 && frames.Count < data.Frames)
                    {
                        frames.Add(frame.Span.ToArray());
                        (width, height) = (frame.Width, frame.Height);
                    }
                }
            }
        }

        if (frames.Count < data.Frames)
        {
            throw new InvalidDataException($"decoded {frames.Count} of the {data.Frames} frames a clip needs (from frame {start}, stride {stride})");
        }

        return ClipCrop.ToClip(frames, width, height, data.Size, cropFraction, flip);
    }
}

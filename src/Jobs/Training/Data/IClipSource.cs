namespace VideoPipe.Jobs.Training;

/// <summary>
/// Clips for training and evaluation, each float [3, T, S, S] in [-1, 1] (channel, frame, row, column). A clip is a
/// pure function of its seed, so prefetching and resuming never change what a step sees.
/// </summary>
public interface IClipSource
{
    /// <summary>A training clip drawn with <paramref name="random"/> (random file, start, stride, crop, flip).</summary>
    Task<float[]> TrainingClipAsync(Random random, CancellationToken cancellationToken);

    /// <summary>Held-out clip <paramref name="index"/> (deterministic, centre crop, no flip).</summary>
    Task<float[]> EvaluationClipAsync(int index, CancellationToken cancellationToken);
}

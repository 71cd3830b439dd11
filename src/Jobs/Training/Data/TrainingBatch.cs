namespace VideoPipe.Jobs.Training;

/// <summary>One micro-batch of clips, float [B, 3, T, S, S] in [-1, 1], for <see cref="Step"/>'s micro-batch <see cref="Micro"/>.</summary>
public sealed record TrainingBatch(long Step, int Micro, float[] Values, long[] Shape);

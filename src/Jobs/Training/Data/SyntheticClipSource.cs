namespace VideoPipe.Jobs.Training;

/// <summary>
/// Generated clips, no files: a coloured linear gradient drifting in phase, a moving rectangle and a moving disc, all
/// drawn from the clip's seed. Enough structure (edges, motion, smooth regions) for a smoke run to learn from.
/// </summary>
public sealed class SyntheticClipSource(DataOptions data, ulong runSeed) : IClipSource
{
    public Task<float[]> TrainingClipAsync(Random random, CancellationToken cancellationToken) =>
        Task.FromResult(Draw(random, data.Frames, data.Size, data.Flip && random.Next(2) == 1));

    public Task<float[]> EvaluationClipAsync(int index, CancellationToken cancellationToken) =>
        Task.FromResult(Draw(new Random(StepSeeds.ForRandom(runSeed, StepSeeds.Evaluation, -1, index)), data.Frames, data.Size, flip: false));

    public static float[] Draw(Random random, int frames, int size, bool flip)
    {
        float Uniform(double lo, double hi) => (float)(lo + (hi - lo) * random.NextDouble());
        float[] Colour() => [Uniform(-1, 1), Uniform(-1, 1), Uniform(-1, 1)];
        var (from, to) = (Colour(), Colour());
        var angle = Uniform(0, (float)(2 * Math.PI));
        var (dx, dy) = (MathF.Cos(angle), MathF.Sin(angle));
        var drift = Uniform(-0.05, 0.05);
        var (rectColour, discColour) = (Colour(), Colour());
        var (rx, ry, rw, rh) = (Uniform(0, size), Uniform(0, size), Uniform(size / 6.0, size / 2.0), Uniform(size / 6.0, size / 2.0));
        var (rvx, rvy) = (Uniform(-2, 2), Uniform(-2, 2));
        var (cx, cy, radius) = (Uniform(0, size), Uniform(0, size), Uniform(size / 8.0, size / 3.0));
        var (cvx, cvy) = (Uniform(-2, 2), Uniform(-2, 2));
        var clip = new float[3 * frames * size * size];
        for (var t = 0; t < frames; t++)
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var u = Math.Clamp(((x - size / 2f) * dx + (y - size / 2f) * dy) / size + 0.5f + drift * t, 0f, 1f);
                    var inRect = x >= rx + rvx * t && x < rx + rvx * t + rw && y >= ry + rvy * t && y < ry + rvy * t + rh;
                    var (ddx, ddy) = (x - (cx + cvx * t), y - (cy + cvy * t));
                    var inDisc = ddx * ddx + ddy * ddy <= radius * radius;
                    var column = flip ? size - 1 - x : x;
                    for (var c = 0; c < 3; c++)
                    {
                        var value = inDisc ? discColour[c] : inRect ? rectColour[c] : from[c] + (to[c] - from[c]) * u;
                        clip[((c * frames + t) * size + y) * size + column] = value;
                    }
                }
            }
        }

        return clip;
    }
}

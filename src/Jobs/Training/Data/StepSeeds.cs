namespace VideoPipe.Jobs.Training;

/// <summary>
/// Every random draw of a run comes from a seed derived from (run seed, step, purpose, index), never from a
/// generator carried across steps, so a resumed run draws exactly what the uninterrupted run drew.
/// </summary>
public static class StepSeeds
{
    public const ulong Clip = 1;
    public const ulong Posterior = 2;
    public const ulong Evaluation = 3;
    public const ulong Discriminator = 4;

    /// <summary>A well-mixed 64-bit seed for the given coordinates (SplitMix64 over each in turn).</summary>
    public static ulong For(ulong runSeed, ulong purpose, long step, long index = 0)
    {
        var h = Mix(runSeed ^ 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ purpose);
        h = Mix(h ^ (ulong)step);
        return Mix(h ^ (ulong)index);
    }

    /// <summary>An int seed for <see cref="System.Random"/> (whose seeded sequence is fixed across .NET versions).</summary>
    public static int ForRandom(ulong runSeed, ulong purpose, long step, long index = 0) => (int)(For(runSeed, purpose, step, index) & 0x7FFFFFFF);

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

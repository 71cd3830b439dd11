using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Diffusion;

/// <summary>
/// The DDIM sampling schedule for N steps (upstream set_sample_schedule): N = 1 uses the last training step;
/// N ≥ 2 uses float32 linspace(0, S-1, N) truncated to integers. ᾱ_prev of the first entry is 1.
/// Steps run from the last entry down to the first.
/// </summary>
public sealed class DdimSchedule
{
    public DdimSchedule(NoiseSchedule schedule, int steps)
    {
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "DDIM needs at least one step");
        }

        var last = schedule.TrainingSteps - 1;
        Timesteps = steps == 1 ? [last] : LinspaceTimesteps(last, steps);
        Alphas = Timesteps.Select(t => schedule.AlphasCumprod[t]).ToArray();
        AlphasPrev = [1f, .. Alphas[..^1]];
        TimeInputs = Timesteps.Select(t => (float)t / schedule.TrainingSteps).ToArray();
    }

    /// <summary>Training timestep of each loop index i (executed for i = N-1 down to 0).</summary>
    public int[] Timesteps { get; }

    public float[] Alphas { get; }

    public float[] AlphasPrev { get; }

    /// <summary>What the UNet's time MLP sees: timestep / S in float32.</summary>
    public float[] TimeInputs { get; }

    public int Count => Timesteps.Length;

    /// <summary>
    /// One eta-0 DDIM update at loop index <paramref name="i"/> from x_t and the x0 prediction (float32 math,
    /// coefficients computed in float32 as upstream's buffers):
    /// eps = (sqrt(1/ᾱ)·x − x0) / sqrt(1/ᾱ − 1); x ← sqrt(ᾱ_prev)·x0 + sqrt(max(1 − ᾱ_prev, 0))·eps.
    /// </summary>
    public Tensor Step(int i, Tensor x, Tensor x0)
    {
        var a = Alphas[i];
        var aPrev = AlphasPrev[i];
        var sqrtRecip = MathF.Sqrt(1f / a);
        var sqrtRecipMinusOne = MathF.Sqrt(1f / a - 1f);
        var sqrtPrev = MathF.Sqrt(aPrev);
        var noiseWeight = MathF.Sqrt(MathF.Max(1f - aPrev, 0f));

        using var scope = DisposeScope.Enter();
        var eps = (x * sqrtRecip - x0) / sqrtRecipMinusOne;
        return scope.Keep(x0 * sqrtPrev + eps * noiseWeight);
    }

    private static int[] LinspaceTimesteps(int last, int steps)
    {
        using var points = Tensor.Linspace(0, last, steps, DType.Float32);
        return points.ToArray<float>().Select(v => (int)v).ToArray();
    }
}

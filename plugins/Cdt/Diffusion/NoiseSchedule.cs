namespace VideoPipe.Plugins.Cdt.Diffusion;

/// <summary>
/// Upstream's cosine schedule (s = 0.008) over <c>num_timesteps</c> training steps, built in float64 exactly
/// as numpy does (x = linspace(0, S+1, S+1), t = x/(S+1)), the cumulative product taken in float64 and
/// stored as float32.
/// </summary>
public sealed class NoiseSchedule
{
    private const double Offset = 0.008;

    public NoiseSchedule(int trainingSteps)
    {
        if (trainingSteps < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(trainingSteps), "need at least 2 training steps");
        }

        TrainingSteps = trainingSteps;
        var points = trainingSteps + 1;
        var abar = new double[points];
        var step = (double)points / (points - 1);
        for (var i = 0; i < points; i++)
        {
            var x = i == points - 1 ? points : i * step;
            var c = Math.Cos(((x / points) + Offset) / (1 + Offset) * Math.PI * 0.5);
            abar[i] = c * c;
        }

        var first = abar[0];
        var cumulative = 1.0;
        AlphasCumprod = new float[trainingSteps];
        for (var i = 0; i < trainingSteps; i++)
        {
            var beta = Math.Clamp(1 - ((abar[i + 1] / first) / (abar[i] / first)), 0, 0.999);
            cumulative *= 1 - beta;
            AlphasCumprod[i] = (float)cumulative;
        }
    }

    public int TrainingSteps { get; }

    /// <summary>ᾱ_t for t = 0 .. S-1 (float32, as upstream's buffers).</summary>
    public float[] AlphasCumprod { get; }
}

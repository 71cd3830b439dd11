using VideoPipe.Plugins.Cdt.Diffusion;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Cdt.Tests;

public sealed class DdimScheduleTests
{
    private static readonly NoiseSchedule Schedule = new(8192);

    [Theory]
    [InlineData(0, 0.99999523f)]
    [InlineData(2730, 0.74282819f)]
    [InlineData(4095, 0.49384359f)]
    [InlineData(5460, 0.24650283f)]
    [InlineData(8190, 3.6191476e-08f)]
    [InlineData(8191, 3.6191477e-11f)]
    public void CosineAlphasCumprodMatchUpstream(int t, float expected)
    {
        Assert.Equal(expected, Schedule.AlphasCumprod[t], expected * 2e-7f);
    }

    [Theory]
    [InlineData(1, new[] { 8191 })]
    [InlineData(2, new[] { 0, 8191 })]
    [InlineData(3, new[] { 0, 4095, 8191 })]
    [InlineData(4, new[] { 0, 2730, 5460, 8191 })]
    [InlineData(5, new[] { 0, 2047, 4095, 6143, 8191 })]
    public void TimestepsAreTruncatedLinspaceFromZeroToLast(int steps, int[] expected)
    {
        Assert.Equal(expected, new DdimSchedule(Schedule, steps).Timesteps);
    }

    [Fact]
    public void TenStepsAreSpacedBy910()
    {
        var ts = new DdimSchedule(Schedule, 10).Timesteps;
        Assert.Equal(new[] { 0, 910, 1820 }, ts[..3]);
        Assert.Equal(8191, ts[^1]);
    }

    [Fact]
    public void TimeInputIsTimestepOverTrainingSteps()
    {
        var schedule = new DdimSchedule(Schedule, 3);
        Assert.Equal(new[] { 0f, 0.4998779296875f, 0.9998779296875f }, schedule.TimeInputs);
        Assert.Equal(new[] { 1f, schedule.Alphas[0], schedule.Alphas[1] }, schedule.AlphasPrev);
    }

    [Fact]
    public void OneStepReturnsTheX0Prediction()
    {
        using var scope = DisposeScope.Enter();
        using var g = new Generator(1);
        var x = Tensor.Randn(g, [1, 3, 2, 4, 4]);
        var x0 = Tensor.Randn(g, [1, 3, 2, 4, 4]);
        var next = new DdimSchedule(Schedule, 1).Step(0, x, x0);
        Assert.Equal(0, TinyModels.MaxAbsDiff(next, x0));
    }

    [Fact]
    public void IntermediateStepMovesToTheNextNoiseLevel()
    {
        using var scope = DisposeScope.Enter();
        var schedule = new DdimSchedule(Schedule, 3);
        using var g = new Generator(2);
        var x0 = Tensor.Randn(g, [1, 3, 1, 2, 2]);
        var eps = Tensor.Randn(g, [1, 3, 1, 2, 2]);

        // x_t built from (x0, eps) at loop index 2 must land on the same (x0, eps) at ᾱ_prev.
        double a = schedule.Alphas[2], aPrev = schedule.AlphasPrev[2];
        var xt = x0 * Math.Sqrt(a) + eps * Math.Sqrt(1 - a);
        var want = x0 * Math.Sqrt(aPrev) + eps * Math.Sqrt(1 - aPrev);
        Assert.True(TinyModels.MaxAbsDiff(schedule.Step(2, xt, x0), want) < 1e-4);
    }
}

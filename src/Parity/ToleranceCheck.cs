using VideoPipe.Torch;

namespace VideoPipe.Parity;

/// <summary>The golden comparison: every element must satisfy |got − want| ≤ atol + rtol·|want|.</summary>
public static class ToleranceCheck
{
    /// <summary>Returns the max absolute error and the worst element's |got−want| / (atol + rtol·|want|).</summary>
    public static (double MaxAbsError, double WorstRatio) Compare(Tensor got, Tensor want, double atol, double rtol)
    {
        if (!got.Shape.SequenceEqual(want.Shape))
        {
            throw new ArgumentException($"shape [{string.Join(", ", got.Shape)}] differs from golden [{string.Join(", ", want.Shape)}]");
        }

        using var scope = DisposeScope.Enter();
        var g = got.To(DType.Float64, Device.Cpu);
        var w = want.To(DType.Float64, Device.Cpu);
        var diff = (g - w).Abs();
        if (diff.Numel == 0)
        {
            return (0, 0);
        }

        var allowed = w.Abs() * rtol + atol;
        var nan = diff.IsNan().Amax().Item() != 0;
        if (nan)
        {
            return (double.NaN, double.PositiveInfinity);
        }

        var maxAbs = diff.MaxValue();
        var safeAllowed = Tensor.Where(allowed > 0, allowed, Tensor.Scalar(1, DType.Float64));
        var perElement = Tensor.Where(allowed > 0, diff / safeAllowed, diff * double.PositiveInfinity);
        var zeroDiff = diff.Eq(0);
        var ratio = Tensor.Where(zeroDiff, Tensor.Scalar(0, DType.Float64), perElement).MaxValue();
        return (maxAbs, ratio);
    }
}

namespace VideoPipe.Parity;

/// <summary>The outcome of one golden step. <see cref="Error"/> is set when the step could not run or compare.</summary>
public sealed record ParityStepResult(string Name, string Op, double MaxAbsError, double WorstRatio, bool Passed, string? Error = null)
{
    public override string ToString() => Error is null
        ? $"{Name,-28} {Op,-15} max|err| {MaxAbsError:E3}  worst/tol {WorstRatio:F4}  {(Passed ? "PASS" : "FAIL")}"
        : $"{Name,-28} {Op,-15} ERROR {Error}";
}

namespace VideoPipe.Parity;

/// <summary>
/// A training step's gradient comparison: golden <c>Prefix + parameter name</c> per parameter, passing when
/// ||got − want||₂ ≤ RelL2·||want||₂ + AbsL2 (shared/goldens/README.md, "Training cases").
/// </summary>
public sealed record GradientTolerance(string Prefix, double RelL2, double AbsL2);

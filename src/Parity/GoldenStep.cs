using System.Text.Json;

namespace VideoPipe.Parity;

/// <summary>
/// One step of a case.json: run <see cref="Op"/> on <see cref="In"/> and compare with golden <see cref="Out"/>;
/// training steps also compare every parameter's gradient under <see cref="Gradients"/>.
/// </summary>
public sealed record GoldenStep(string Out, string Op, string? In, JsonElement Options, double Atol, double Rtol, GradientTolerance? Gradients = null);

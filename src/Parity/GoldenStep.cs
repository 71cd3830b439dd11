using System.Text.Json;

namespace VideoPipe.Parity;

/// <summary>One step of a case.json: run <see cref="Op"/> on <see cref="In"/> and compare with golden <see cref="Out"/>.</summary>
public sealed record GoldenStep(string Out, string Op, string In, JsonElement Options, double Atol, double Rtol);

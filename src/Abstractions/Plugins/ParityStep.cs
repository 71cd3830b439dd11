using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>One parity step from a golden case (see shared/goldens/README.md).</summary>
public sealed record ParityStep(string Op, Tensor Input, JsonElement Options, Func<string, Tensor> Golden);

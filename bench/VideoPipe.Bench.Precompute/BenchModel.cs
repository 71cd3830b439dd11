using VideoPipe.Abstractions;

namespace VideoPipe.Bench.Precompute;

/// <summary>The benchmark's tokenizer with what identifies its outputs (as the precompute graph's dataset records them).</summary>
internal sealed record BenchModel(ITokenizer Tokenizer, string? ConfigJson, string WeightsIdentity) : IDisposable
{
    public TokenizerCard Card => Tokenizer.Card;

    public void Dispose() => Tokenizer.Dispose();
}

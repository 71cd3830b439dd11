using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>A tokenizer ready for the run, with what identifies it in outputs.</summary>
public sealed record LoadedTokenizer(ITokenizer Tokenizer, string? ConfigJson, string WeightsIdentity) : IDisposable
{
    public TokenizerCard Card => Tokenizer.Card;

    public void Dispose() => Tokenizer.Dispose();
}

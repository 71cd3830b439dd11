using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// What a family ported from an upstream implementation adds for `videopipe verify`: its golden cases' model-level
/// steps (encode, decode, family-specific ops). Not part of the runtime contract; families without a public
/// reference (REGEN, ProMAG, new ones) leave it out.
/// </summary>
public interface IGoldenParity
{
    /// <summary>Runs one golden step on a tokenizer built from the case's config and weights.</summary>
    Tensor RunParityStep(ITokenizer tokenizer, ParityStep step);
}

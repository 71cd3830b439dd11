using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>Where the run finds tokenizer families (the host's plugin loader, or a test's own families).</summary>
public interface ITokenizerFamilySource
{
    IReadOnlyList<ITokenizerFamily> Families { get; }
}

/// <summary>A fixed set of families (tests, embedding).</summary>
public sealed class FixedFamilySource(params ITokenizerFamily[] families) : ITokenizerFamilySource
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = families;
}

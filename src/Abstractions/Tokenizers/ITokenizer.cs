using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// A loaded tokenizer. Video tensors are [B, 3, T, H, W] in [-1, 1] on the tokenizer's device and dtype;
/// latents are [B, C, t, h, w]. Returned tensors belong to the caller.
/// </summary>
public interface ITokenizer : IDisposable
{
    TokenizerCard Card { get; }

    Device Device { get; }

    DType DType { get; }

    /// <summary>
    /// Refuses, with an <see cref="ArgumentException"/> naming the key, family settings this tokenizer does not declare
    /// (<see cref="TokenizerCard.Settings"/>) or cannot read, so a job stops before work instead of failing every item.
    /// </summary>
    void CheckSettings(IReadOnlyDictionary<string, string> settings);

    /// <summary>Whole-clip encode (frame count per the card's rule).</summary>
    Tensor Encode(Tensor video, EncodeOptions options);

    /// <summary>Whole-clip decode.</summary>
    Tensor Decode(Tensor latents, DecodeOptions options);
}

/// <summary>A tokenizer whose reference streams exactly with per-layer caches (IV-VAE, CDT).</summary>
public interface IStreamingTokenizer : ITokenizer
{
    IEncodeSession BeginEncode(EncodeOptions options);

    IDecodeSession BeginDecode(DecodeOptions options);
}

/// <summary>
/// A stream of chunks in, chunks out, with the family's per-layer caches kept between pushes. The concatenation
/// of everything returned equals the whole-clip result on the concatenated input.
/// </summary>
public interface IStreamSession : IDisposable
{
    /// <summary>Consumes the next chunk [B,C,t,H,W]; returns the output frames now final (null when none yet).</summary>
    Tensor? Push(Tensor chunk);

    /// <summary>Flushes what is left at end of stream.</summary>
    Tensor? Complete();
}

/// <summary>Video chunks [B,3,t,H,W] in, latent chunks out. Chunk sizes follow the family's rules (see its docs).</summary>
public interface IEncodeSession : IStreamSession
{
}

/// <summary>Latent chunks in, video chunks out.</summary>
public interface IDecodeSession : IStreamSession
{
}

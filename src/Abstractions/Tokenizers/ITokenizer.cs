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
/// Streams video chunks in, latent chunks out. The concatenation of everything returned equals the whole-clip
/// encode of the concatenated input. Chunk sizes must follow the family's rules (see its docs).
/// </summary>
public interface IEncodeSession : IDisposable
{
    /// <summary>Consumes frames [B,3,t,H,W]; returns the latent frames now final (null when none yet).</summary>
    Tensor? Push(Tensor frames);

    /// <summary>Flushes what is left at end of stream.</summary>
    Tensor? Complete();
}

public interface IDecodeSession : IDisposable
{
    Tensor? Push(Tensor latents);

    Tensor? Complete();
}

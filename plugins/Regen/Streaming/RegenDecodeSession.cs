using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Streaming;

/// <summary>
/// Streaming decode: each motion latent is decoded as soon as it arrives (one chunk of frames in memory). A stream
/// that ends after its first latent is decoded as an image at <see cref="Complete"/>.
/// </summary>
public sealed class RegenDecodeSession : IDecodeSession
{
    private readonly RegenTokenizer tokenizer;
    private readonly SegmentDecoder decoder;
    private bool decodedAny;

    internal RegenDecodeSession(RegenTokenizer tokenizer, SegmentDecoder decoder)
    {
        this.tokenizer = tokenizer;
        this.decoder = decoder;
    }

    public Tensor? Push(Tensor latents)
    {
        tokenizer.CheckLatents(latents);
        using var enter = tokenizer.EnterDevice();
        using var scope = DisposeScope.Enter();
        long next = 0;
        if (!decoder.HasContent)
        {
            decoder.Start(latents.Narrow(2, 0, 1));
            next = 1;
        }

        var outputs = new List<Tensor>();
        for (; next < latents.Size(2); next++)
        {
            outputs.Add(decoder.Next(latents.Narrow(2, next, 1).To(tokenizer.Device)));
            decodedAny = true;
        }

        return outputs.Count switch
        {
            0 => null,
            1 => scope.Keep(outputs[0]),
            _ => scope.Keep(Tensor.Cat(outputs, 2)),
        };
    }

    public Tensor? Complete()
    {
        if (decodedAny || !decoder.HasContent)
        {
            return null;
        }

        using var enter = tokenizer.EnterDevice();
        decodedAny = true;
        return decoder.Image();
    }

    public void Dispose() => decoder.Dispose();
}

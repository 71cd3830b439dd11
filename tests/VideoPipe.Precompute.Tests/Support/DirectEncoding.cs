using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute.Tests;

/// <summary>The reference the stored latents are checked against: decode the clip's frames, centre-cut, encode.</summary>
public static class DirectEncoding
{
    /// <summary>Encodes frames [window.Start, window.End) of <paramref name="source"/> (already <paramref name="size"/> tall), cut to a centred square.</summary>
    public static async Task<Tensor> EncodeCentreCropAsync(ITokenizer tokenizer, string source, ClipWindow window, int size)
    {
        var reader = new VideoReader();
        var frames = new List<Tensor>();
        await foreach (var block in reader.ReadAsync(source))
        {
            using (block)
            {
                foreach (var frame in block.Where(f => f.Index >= window.Start && f.Index < window.End))
                {
                    using var full = Tensor.FromBytes(frame.Span, DType.UInt8, frame.Height, frame.Width, 3);
                    using var cut = full.Narrow(1, (frame.Width - size) / 2, size);
                    frames.Add(cut.Contiguous());
                }
            }
        }

        using var scope = DisposeScope.Enter();
        var stacked = Tensor.Stack(frames, 0);
        frames.ForEach(f => f.Dispose());
        var video = stacked.Permute(3, 0, 1, 2).To(DType.Float32).Mul(2.0 / 255.0).Sub(1.0).Unsqueeze(0).Contiguous();
        var latent = tokenizer.Encode(video, new EncodeOptions()).Squeeze(0);
        return scope.Keep(latent);
    }
}

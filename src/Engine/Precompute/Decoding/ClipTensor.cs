using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>Decoded frames to held pixels (uint8 [H, W, 3] each), and those to the tokenizer's input [1, 3, T, H, W] in [-1, 1] (float32).</summary>
internal static class ClipTensor
{
    /// <summary>A delivered frame as uint8 pixels [H, W, 3] (a copy the caller owns), checked against the planned size.</summary>
    public static Tensor Pixels(VideoFrame frame, SourceFraming framing)
    {
        var size = framing.Geometry.Output;
        if (frame.Width != size.Width || frame.Height != size.Height)
        {
            throw new InvalidOperationException($"the reader delivered a {frame.Width}x{frame.Height} frame, not the planned {size}");
        }

        return Tensor.FromBytes(frame.Span, DType.UInt8, frame.Height, frame.Width, 3);
    }

    /// <param name="releaseFrames">Called once the frames are copied, so a caller whose frames are done frees them before the float copy exists.</param>
    public static Tensor FromFrames(IReadOnlyList<Tensor> frames, Action? releaseFrames = null)
    {
        Tensor channelsFirst;
        using (var stacked = Tensor.Stack(frames, 0))
        {
            releaseFrames?.Invoke();
            using var permuted = stacked.Permute(3, 0, 1, 2);
            channelsFirst = permuted.Contiguous();
        }

        Tensor asFloat;
        using (channelsFirst)
        {
            asFloat = channelsFirst.To(DType.Float32);
        }

        using (asFloat)
        {
            // In place, so the clip exists once in float; the values equal (x * 2/255) - 1 computed out of place.
            asFloat.MulInPlace(2.0 / 255.0).SubInPlace(1.0);
            return asFloat.Unsqueeze(0);
        }
    }
}

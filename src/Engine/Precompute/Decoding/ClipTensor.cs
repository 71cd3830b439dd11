using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>Decoded frames (uint8 [H, W, 3] each) to the tokenizer's input [1, 3, T, H, W] in [-1, 1] (float32).</summary>
internal static class ClipTensor
{
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

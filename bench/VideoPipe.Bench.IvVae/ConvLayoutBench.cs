using VideoPipe.Torch;

namespace VideoPipe.Bench.IvVae;

/// <summary>
/// Micro-benchmark for one full-resolution KTC conv (both branches), comparing formulations with identical
/// FLOPs: (a) a (1,3,3) Conv3d plus a 3x3x3 Conv3d over padded groups (what the plugin runs), (b) the same with
/// frames folded into the batch for the 2D part, (c) all taps as 2D convs.
/// </summary>
internal static class ConvLayoutBench
{
    public static void Run(int frames, int size, int channels, DType dtype)
    {
        using var generator = new Generator(3);
        var cin = 2 * channels;
        var cout = channels;
        using var x = Tensor.Randn(generator, [1, cin, frames, size, size]).To(dtype);
        using var w2 = Tensor.Randn(generator, [cout, cin, 3, 3]).MulInPlace(0.02).To(dtype);
        using var w3 = Tensor.Randn(generator, [cout, cin, 3, 3, 3]).MulInPlace(0.02).To(dtype);
        using var bias = Tensor.Zeros([cout], dtype);

        Time("conv3d (1,3,3) over T", () => Functional.Conv(x, w2.Unsqueeze(2), bias, [1, 1, 1], [0, 1, 1], [1, 1, 1]));
        Time("conv2d over T folded", () =>
        {
            var folded = x.Permute(0, 2, 1, 3, 4).Reshape(frames, cin, size, size);
            return Functional.Conv2d(folded, w2, bias, padding: 1);
        });
        Time("conv3d 3x3x3 over T+2", () =>
        {
            var padded = Functional.Pad(x, [0, 0, 0, 0, 1, 1]);
            return Functional.Conv(padded, w3, bias, [1, 1, 1], [0, 1, 1], [1, 1, 1]);
        });
        using var channelsLast = x.Permute(0, 2, 3, 4, 1).Contiguous().Permute(0, 4, 1, 2, 3);
        Time("conv3d (1,3,3) channels-last", () => Functional.Conv(channelsLast, w2.Unsqueeze(2), bias, [1, 1, 1], [0, 1, 1], [1, 1, 1]));
        Time("conv3d 3x3x3 channels-last", () => Functional.Conv(channelsLast, w3, bias, [1, 1, 1], [0, 1, 1], [1, 1, 1]));
        Time("conv2d 3 taps folded", () =>
        {
            var folded = x.Permute(0, 2, 1, 3, 4).Reshape(frames, cin, size, size);
            var taps = w3.Permute(0, 2, 1, 3, 4).Reshape(cout, 3 * cin, 3, 3);
            var prev = Tensor.Cat([folded.Narrow(0, 0, 1), folded.Narrow(0, 0, frames - 1)], 0);
            var next = Tensor.Cat([folded.Narrow(0, 1, frames - 1), Tensor.Zeros([1, cin, size, size], dtype)], 0);
            return Functional.Conv2d(Tensor.Cat([prev, folded, next], 1), taps, bias, padding: 1);
        });
    }

    private static void Time(string name, Func<Tensor> op) => Measured.PrintWarm(name, 26, op);
}

using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

public enum InterpolationMode
{
    Nearest = 0,
    NearestExact = 1,
    Linear = 2,
    Bilinear = 3,
    Trilinear = 4,
    Bicubic = 5,
}

public enum PadMode
{
    Constant = 0,
    Reflect = 1,
    Replicate = 2,
    Circular = 3,
}

/// <summary>Which convolution kernel runs on CPU. The rule behind <see cref="Auto"/> and the measurements it
/// rests on are in native/src/conv_onednn.h and docs/benchmarks.md.</summary>
public enum ConvKernel
{
    /// <summary>oneDNN for float32 2D/3D convolutions (and 3D transposed ones), including the small batch-1
    /// shapes torch 1.13 sends to its slow native kernel.</summary>
    Auto = 0,

    /// <summary>Whatever at::convolution picks (torch's own heuristic).</summary>
    Torch = 1,

    /// <summary>oneDNN wherever it can run (float32 CPU 2D/3D, transposed ones over a zero-stuffed input),
    /// torch's choice elsewhere; for benchmarks that compare kernels.</summary>
    OneDnn = 2,
}

/// <summary>The kernel a convolution actually runs (see <see cref="Functional.SelectConvPath"/>).</summary>
public enum ConvPath
{
    /// <summary>at::convolution, torch's own choice.</summary>
    Torch = 0,

    /// <summary>oneDNN (at::mkldnn_convolution) directly.</summary>
    OneDnn = 1,

    /// <summary>A transposed convolution as a stride-1 oneDNN convolution over a zero-stuffed input.</summary>
    OneDnnZeroStuffed = 2,
}

/// <summary>Neural-network operations with torch.nn.functional semantics.</summary>
public static partial class Functional
{
    /// <summary>Process-wide default kernel choice for convolutions (benchmarks compare the two).</summary>
    public static ConvKernel DefaultConvKernel { get; set; } = ConvKernel.Auto;

    public static Tensor Conv1d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Conv(x, weight, bias, Rep(1, stride), Rep(1, padding), Rep(1, dilation), groups);

    public static Tensor Conv2d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Conv(x, weight, bias, Rep(2, stride), Rep(2, padding), Rep(2, dilation), groups);

    public static Tensor Conv3d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long dilation = 1, long groups = 1) =>
        Conv(x, weight, bias, Rep(3, stride), Rep(3, padding), Rep(3, dilation), groups);

    /// <summary>Convolution over weight.Dim-2 spatial dims with per-dim stride, padding and dilation.</summary>
    public static Tensor Conv(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long groups = 1, ConvKernel? kernel = null) =>
        ConvCore(x, weight, bias, stride, padding, dilation, null, false, groups, kernel);

    public static Tensor ConvTranspose2d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, long dilation = 1) =>
        ConvTranspose(x, weight, bias, Rep(2, stride), Rep(2, padding), Rep(2, outputPadding), groups, Rep(2, dilation));

    public static Tensor ConvTranspose3d(Tensor x, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0, long outputPadding = 0, long groups = 1, long dilation = 1) =>
        ConvTranspose(x, weight, bias, Rep(3, stride), Rep(3, padding), Rep(3, outputPadding), groups, Rep(3, dilation));

    public static Tensor ConvTranspose(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation, ConvKernel? kernel = null) =>
        ConvCore(x, weight, bias, stride, padding, dilation, outputPadding, true, groups, kernel);

    private static Tensor ConvCore(Tensor x, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation, long[]? outputPadding, bool transposed, long groups, ConvKernel? kernel)
    {
        var n = weight.Dim - 2;
        if (n < 1 || n > 3)
        {
            throw new ArgumentException($"convolution weight must be 3-D to 5-D, got shape [{string.Join(", ", weight.Shape)}]");
        }

        CheckLength(stride, n, nameof(stride));
        CheckLength(padding, n, nameof(padding));
        CheckLength(dilation, n, nameof(dilation));
        if (outputPadding is not null)
        {
            CheckLength(outputPadding, n, nameof(outputPadding));
        }

        using var b = new BorrowedHandle(bias);
        return Tensor.From(NativeMethods.vp_conv(x.Handle, weight.Handle, b.Pointer, stride, padding, dilation, outputPadding, n, transposed ? 1 : 0, groups, (int)(kernel ?? DefaultConvKernel), out var r), r);
    }

    /// <summary>The path <see cref="Conv"/> (or, with <paramref name="transposed"/>, <see cref="ConvTranspose"/>)
    /// would take for these arguments; <paramref name="outputPadding"/> null means zeros.</summary>
    public static ConvPath SelectConvPath(Tensor x, Tensor weight, long[] stride, long[] dilation, long[]? outputPadding = null, bool transposed = false, long groups = 1, ConvKernel? kernel = null)
    {
        var n = weight.Dim - 2;
        CheckLength(stride, n, nameof(stride));
        CheckLength(dilation, n, nameof(dilation));
        if (outputPadding is not null)
        {
            CheckLength(outputPadding, n, nameof(outputPadding));
        }

        NativeMethods.Check(NativeMethods.vp_conv_path(x.Handle, weight.Handle, stride, dilation, outputPadding, n, transposed ? 1 : 0, groups, (int)(kernel ?? DefaultConvKernel), out var path));
        return (ConvPath)path;
    }

    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias = null)
    {
        using var b = new BorrowedHandle(bias);
        return Tensor.From(NativeMethods.vp_linear(x.Handle, weight.Handle, b.Pointer, out var r), r);
    }

    public static Tensor GroupNorm(Tensor x, long groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        using var w = new BorrowedHandle(weight);
        using var b = new BorrowedHandle(bias);
        return Tensor.From(NativeMethods.vp_group_norm(x.Handle, groups, w.Pointer, b.Pointer, eps, out var r), r);
    }

    public static Tensor LayerNorm(Tensor x, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        using var w = new BorrowedHandle(weight);
        using var b = new BorrowedHandle(bias);
        return Tensor.From(NativeMethods.vp_layer_norm(x.Handle, normalizedShape, normalizedShape.Length, w.Pointer, b.Pointer, eps, out var r), r);
    }

    public static Tensor Softmax(Tensor x, long dim) => Tensor.From(NativeMethods.vp_softmax(x.Handle, dim, 0, out var r), r);

    public static Tensor LogSoftmax(Tensor x, long dim) => Tensor.From(NativeMethods.vp_softmax(x.Handle, dim, 1, out var r), r);

    /// <summary>
    /// softmax(q kᵀ · scale + mask) v over (..., L, E) tensors, computed in blocks of <paramref name="blockQ"/>
    /// query rows so the L x S score matrix never exists whole (blockQ ≤ 0 picks a block from a 16M-element
    /// budget). scale ≤ 0 means 1/sqrt(E). A boolean mask keeps true positions; a float mask is added.
    /// </summary>
    public static Tensor ScaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor? mask = null, double scale = 0, long blockQ = 0)
    {
        using var m = new BorrowedHandle(mask);
        return Tensor.From(NativeMethods.vp_attention(q.Handle, k.Handle, v.Handle, m.Pointer, scale, blockQ, out var r), r);
    }

    /// <summary>F.interpolate to an explicit output size (one entry per spatial dim).</summary>
    public static Tensor Interpolate(Tensor x, long[] size, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false) =>
        Tensor.From(NativeMethods.vp_interpolate(x.Handle, (int)mode, size, null, size.Length, alignCorners ? 1 : 0, out var r), r);

    /// <summary>F.interpolate by scale factors (output = floor(input * scale), the scale passed to the kernel as torch does).</summary>
    public static Tensor Interpolate(Tensor x, double[] scaleFactors, InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false) =>
        Tensor.From(NativeMethods.vp_interpolate(x.Handle, (int)mode, null, scaleFactors, scaleFactors.Length, alignCorners ? 1 : 0, out var r), r);

    /// <summary>F.pad: <paramref name="pads"/> lists (before, after) pairs starting from the last dimension.</summary>
    public static Tensor Pad(Tensor x, long[] pads, PadMode mode = PadMode.Constant, double value = 0) =>
        Tensor.From(NativeMethods.vp_pad(x.Handle, pads, pads.Length, (int)mode, value, out var r), r);

    private static long[] Rep(int n, long value)
    {
        var a = new long[n];
        Array.Fill(a, value);
        return a;
    }

    private static void CheckLength(long[] values, int n, string name)
    {
        if (values.Length != n)
        {
            throw new ArgumentException($"{name} needs {n} entries for a {n}-D convolution, got {values.Length}");
        }
    }
}

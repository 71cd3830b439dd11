using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Reductions. An empty <c>dims</c> reduces over every dimension.</summary>
public sealed partial class Tensor
{
    private Tensor Reduce(int op, long[] dims, bool keepDim) =>
        From(NativeMethods.vp_reduce(op, Handle, dims, dims.Length, keepDim ? 1 : 0, out var r), r);

    public Tensor Sum(params long[] dims) => Reduce(0, dims, false);
    public Tensor Sum(long[] dims, bool keepDim) => Reduce(0, dims, keepDim);
    public Tensor Mean(params long[] dims) => Reduce(1, dims, false);
    public Tensor Mean(long[] dims, bool keepDim) => Reduce(1, dims, keepDim);
    public Tensor Amax(params long[] dims) => Reduce(2, dims, false);
    public Tensor Amax(long[] dims, bool keepDim) => Reduce(2, dims, keepDim);
    public Tensor Amin(params long[] dims) => Reduce(3, dims, false);
    public Tensor Amin(long[] dims, bool keepDim) => Reduce(3, dims, keepDim);
    public Tensor Prod(params long[] dims) => Reduce(4, dims, false);

    /// <summary>Variance; <paramref name="unbiased"/> divides by N-1 (torch's default), otherwise by N.</summary>
    public Tensor Var(long[] dims, bool unbiased = true, bool keepDim = false) =>
        From(NativeMethods.vp_var(Handle, dims, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0, out var r), r);

    public Tensor Norm(double p = 2, long[]? dims = null, bool keepDim = false)
    {
        var d = dims ?? Array.Empty<long>();
        return From(NativeMethods.vp_norm(Handle, p, d, d.Length, keepDim ? 1 : 0, out var r), r);
    }

    /// <summary>Maximum along <paramref name="dim"/> with its indices.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false)
    {
        var status = NativeMethods.vp_minmax_dim(0, Handle, dim, keepDim ? 1 : 0, out var v, out var i);
        return (From(status, v), From(status, i));
    }

    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false)
    {
        var status = NativeMethods.vp_minmax_dim(1, Handle, dim, keepDim ? 1 : 0, out var v, out var i);
        return (From(status, v), From(status, i));
    }

    /// <summary>Maximum over all elements as a number.</summary>
    public double MaxValue()
    {
        using var m = Amax();
        return m.Item();
    }

    public double MinValue()
    {
        using var m = Amin();
        return m.Item();
    }

    public Tensor Argmax(long dim, bool keepDim = false) => From(NativeMethods.vp_argmax(Handle, dim, keepDim ? 1 : 0, out var r), r);

    public Tensor Cumsum(long dim) => From(NativeMethods.vp_cumsum(Handle, dim, out var r), r);

    public bool AllClose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        NativeMethods.Check(NativeMethods.vp_all_close(Handle, other.Handle, rtol, atol, out var r));
        return r != 0;
    }
}

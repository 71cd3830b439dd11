using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Shape, view and indexing operations (views share storage as in PyTorch).</summary>
public sealed partial class Tensor
{
    public Tensor Reshape(params long[] shape) => From(NativeMethods.vp_reshape(Handle, shape, shape.Length, out var r), r);
    public Tensor View(params long[] shape) => From(NativeMethods.vp_view(Handle, shape, shape.Length, out var r), r);
    public Tensor Permute(params long[] dims) => From(NativeMethods.vp_permute(Handle, dims, dims.Length, out var r), r);
    public Tensor Transpose(long dim0, long dim1) => From(NativeMethods.vp_transpose(Handle, dim0, dim1, out var r), r);
    public Tensor Flatten(long startDim = 0, long endDim = -1) => From(NativeMethods.vp_flatten(Handle, startDim, endDim, out var r), r);
    public Tensor Unsqueeze(long dim) => From(NativeMethods.vp_unsqueeze(Handle, dim, out var r), r);
    public Tensor Squeeze(long dim) => From(NativeMethods.vp_squeeze(Handle, dim, 0, out var r), r);
    public Tensor Squeeze() => From(NativeMethods.vp_squeeze(Handle, 0, 1, out var r), r);
    public Tensor Expand(params long[] shape) => From(NativeMethods.vp_expand(Handle, shape, shape.Length, out var r), r);
    public Tensor Repeat(params long[] repeats) => From(NativeMethods.vp_repeat(Handle, repeats, repeats.Length, out var r), r);
    public Tensor Flip(params long[] dims) => From(NativeMethods.vp_flip(Handle, dims, dims.Length, out var r), r);

    public Tensor Roll(long[] shifts, long[] dims)
    {
        if (shifts.Length != dims.Length)
        {
            throw new ArgumentException("roll needs one shift per dim");
        }

        return From(NativeMethods.vp_roll(Handle, shifts, dims, dims.Length, out var r), r);
    }

    public Tensor Narrow(long dim, long start, long length) => From(NativeMethods.vp_narrow(Handle, dim, start, length, out var r), r);

    /// <summary>x[start:end:step] along <paramref name="dim"/>; negative start/end count from the end, end is clamped.</summary>
    public Tensor Slice(long dim, long start, long end = long.MaxValue, long step = 1) =>
        From(NativeMethods.vp_slice(Handle, dim, start, end, step, out var r), r);

    public Tensor Select(long dim, long index) => From(NativeMethods.vp_select(Handle, dim, index, out var r), r);
    public Tensor IndexSelect(long dim, Tensor index) => From(NativeMethods.vp_index_select(Handle, dim, index.Handle, out var r), r);
    public Tensor Gather(long dim, Tensor index) => From(NativeMethods.vp_gather(Handle, dim, index.Handle, out var r), r);

    public static unsafe Tensor Cat(IReadOnlyList<Tensor> tensors, long dim)
    {
        var ptrs = Pointers(tensors, out var handles);
        try
        {
            fixed (nint* p = ptrs)
            {
                return From(NativeMethods.vp_cat(p, ptrs.Length, dim, out var r), r);
            }
        }
        finally
        {
            Release(handles);
        }
    }

    public static unsafe Tensor Stack(IReadOnlyList<Tensor> tensors, long dim)
    {
        var ptrs = Pointers(tensors, out var handles);
        try
        {
            fixed (nint* p = ptrs)
            {
                return From(NativeMethods.vp_stack(p, ptrs.Length, dim, out var r), r);
            }
        }
        finally
        {
            Release(handles);
        }
    }

    /// <summary>Splits into pieces of the given sizes along <paramref name="dim"/> (views).</summary>
    public unsafe Tensor[] Split(long[] sizes, long dim)
    {
        var outs = new nint[sizes.Length];
        fixed (nint* p = outs)
        {
            NativeMethods.Check(NativeMethods.vp_split_sizes(Handle, sizes, sizes.Length, dim, p));
        }

        return Adopt(outs);
    }

    /// <summary>Splits into pieces of <paramref name="splitSize"/> (the last may be smaller), as torch.split.</summary>
    public Tensor[] Split(long splitSize, long dim)
    {
        if (splitSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(splitSize), "split size must be positive");
        }

        var total = Size((int)dim);
        var sizes = new List<long>();
        for (long start = 0; start < total; start += splitSize)
        {
            sizes.Add(Math.Min(splitSize, total - start));
        }

        return Split(sizes.ToArray(), dim);
    }

    /// <summary>torch.chunk: at most <paramref name="chunks"/> pieces.</summary>
    public unsafe Tensor[] Chunk(long chunks, long dim)
    {
        NativeMethods.Check(NativeMethods.vp_chunk_count(Handle, chunks, dim, out var count));
        var outs = new nint[count];
        fixed (nint* p = outs)
        {
            NativeMethods.Check(NativeMethods.vp_chunk(Handle, chunks, dim, p));
        }

        return Adopt(outs);
    }

    internal static Tensor[] Adopt(nint[] raw)
    {
        var result = new Tensor[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            var h = new TensorHandle();
            System.Runtime.InteropServices.Marshal.InitHandle(h, raw[i]);
            result[i] = new Tensor(h);
        }

        return result;
    }

    internal static nint[] Pointers(IReadOnlyList<Tensor> tensors, out TensorHandle[] handles)
    {
        if (tensors.Count == 0)
        {
            throw new ArgumentException("expected a non-empty list of tensors");
        }

        handles = new TensorHandle[tensors.Count];
        var ptrs = new nint[tensors.Count];
        for (var i = 0; i < tensors.Count; i++)
        {
            var h = tensors[i].Handle;
            var added = false;
            h.DangerousAddRef(ref added);
            handles[i] = h;
            ptrs[i] = h.DangerousGetHandle();
        }

        return ptrs;
    }

    internal static void Release(TensorHandle[] handles)
    {
        foreach (var h in handles)
        {
            h?.DangerousRelease();
        }
    }
}

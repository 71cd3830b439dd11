using System.Runtime.InteropServices;
using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>
/// A libtorch tensor. Dispose it (or create it inside a <see cref="DisposeScope"/>) to free native memory
/// deterministically; the finalizer is only a safety net.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;
    private long[]? shape;

    internal Tensor(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            throw new TorchException("native call returned no tensor");
        }

        this.handle = handle;
        DisposeScope.Register(this);
    }

    internal TensorHandle Handle => !handle.IsClosed ? handle : throw new ObjectDisposedException(nameof(Tensor));

    internal DisposeScope? Scope { get; set; }

    public bool IsDisposed => handle.IsClosed;

    /// <summary>Sizes of every dimension (a fresh copy: changing it never changes the tensor).</summary>
    public long[] Shape => (long[])CachedShape.Clone();

    /// <summary>The shape as read once from libtorch (tensors never change shape in place); never handed out.</summary>
    private long[] CachedShape
    {
        get
        {
            if (shape is null)
            {
                NativeMethods.Check(NativeMethods.vp_dim(Handle, out var dim));
                var s = new long[dim];
                unsafe
                {
                    fixed (long* p = s)
                    {
                        NativeMethods.Check(NativeMethods.vp_shape(Handle, p));
                    }
                }

                shape = s;
            }

            return shape;
        }
    }

    public int Dim => CachedShape.Length;

    public long Numel
    {
        get
        {
            long n = 1;
            foreach (var s in CachedShape)
            {
                n *= s;
            }

            return n;
        }
    }

    public long[] Strides
    {
        get
        {
            var s = new long[Dim];
            unsafe
            {
                fixed (long* p = s)
                {
                    NativeMethods.Check(NativeMethods.vp_strides(Handle, p));
                }
            }

            return s;
        }
    }

    public DType DType
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_dtype(Handle, out var d));
            return (DType)d;
        }
    }

    public Device Device
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_device(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    public bool IsContiguous
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_is_contiguous(Handle, out var c));
            return c != 0;
        }
    }

    /// <summary>True when libtorch created the tensor in inference mode (every op of this library runs in it).</summary>
    public bool IsInference
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_is_inference(Handle, out var inference));
            return inference != 0;
        }
    }

    /// <summary>Pointer to the first element (CPU tensors; valid while the tensor lives).</summary>
    public nint DataPointer
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_data_ptr(Handle, out var p));
            return p;
        }
    }

    public long ByteCount => Numel * DType.ElementSize();

    /// <summary>Size of dimension <paramref name="dim"/>; negative counts from the end.</summary>
    public long Size(int dim) => CachedShape[dim < 0 ? dim + Dim : dim];

    public void Dispose() => handle.Dispose();

    public override string ToString() => $"Tensor[{string.Join(", ", CachedShape)}] {DType.TorchName()} {Device}";

    internal static Tensor From(int status, TensorHandle result)
    {
        if (status != 0)
        {
            result.Dispose();
            NativeMethods.Check(status);
        }

        return new Tensor(result);
    }

    // ---- creation ----

    /// <summary>Copies <paramref name="data"/> into a new CPU tensor of the given shape.</summary>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, params long[] shape) where T : unmanaged
    {
        CheckCount(data.Length, shape);
        fixed (T* p = data)
        {
            return From(NativeMethods.vp_from_data(p, shape, shape.Length, (int)DTypeExtensions.Of<T>(), out var r), r);
        }
    }

    public static Tensor FromArray<T>(T[] data, params long[] shape) where T : unmanaged => FromSpan<T>(data, shape);

    /// <summary>Copies raw bytes holding elements of <paramref name="dtype"/> into a new CPU tensor.</summary>
    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, DType dtype, params long[] shape)
    {
        long count = 1;
        foreach (var s in shape)
        {
            count *= s;
        }

        if (count * dtype.ElementSize() != bytes.Length)
        {
            throw new ArgumentException($"{bytes.Length} bytes do not hold a {dtype.TorchName()} tensor of shape [{string.Join(", ", shape)}]");
        }

        fixed (byte* p = bytes)
        {
            return From(NativeMethods.vp_from_data(p, shape, shape.Length, (int)dtype, out var r), r);
        }
    }

    /// <summary>
    /// Wraps native memory without copying. <paramref name="release"/> runs when libtorch drops its last
    /// reference to the storage (views included), so the owner must keep the memory valid until then.
    /// </summary>
    public static unsafe Tensor WrapNative(nint data, DType dtype, long[] shape, Action? release = null)
    {
        var context = release is null ? nint.Zero : GCHandle.ToIntPtr(GCHandle.Alloc(release));
        var deleter = release is null ? nint.Zero : (nint)(delegate* unmanaged<nint, void>)&ReleaseWrapped;
        var status = NativeMethods.vp_wrap((void*)data, shape, shape.Length, (int)dtype, deleter, context, out var r);
        if (status != 0 && context != nint.Zero)
        {
            GCHandle.FromIntPtr(context).Free();
        }

        return From(status, r);
    }

    /// <summary>Wraps a pinned managed array without copying; the array stays pinned until libtorch releases it.</summary>
    public static Tensor WrapPinned<T>(T[] data, params long[] shape) where T : unmanaged
    {
        CheckCount(data.Length, shape);
        var pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            return WrapNative(pin.AddrOfPinnedObject(), DTypeExtensions.Of<T>(), shape, () => pin.Free());
        }
        catch
        {
            pin.Free();
            throw;
        }
    }

    [UnmanagedCallersOnly]
    private static void ReleaseWrapped(nint context)
    {
        var gch = GCHandle.FromIntPtr(context);
        try
        {
            ((Action)gch.Target!)();
        }
        finally
        {
            gch.Free();
        }
    }

    public static Tensor Empty(long[] shape, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return From(NativeMethods.vp_empty(shape, shape.Length, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    public static Tensor Full(long[] shape, double value, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return From(NativeMethods.vp_full(shape, shape.Length, value, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    public static Tensor Zeros(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 0, dtype, device);

    public static Tensor Ones(long[] shape, DType dtype = DType.Float32, Device? device = null) => Full(shape, 1, dtype, device);

    public static Tensor Scalar(double value, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return From(NativeMethods.vp_scalar_tensor(value, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    public static Tensor Arange(double start, double end, double step = 1, DType dtype = DType.Int64, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return From(NativeMethods.vp_arange(start, end, step, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    public static Tensor Linspace(double start, double end, long steps, DType dtype = DType.Float32, Device? device = null)
    {
        var d = device ?? Device.Cpu;
        return From(NativeMethods.vp_linspace(start, end, steps, (int)dtype, (int)d.Type, d.Index, out var r), r);
    }

    /// <summary>Uniform [0, 1) draws from <paramref name="generator"/>.</summary>
    public static Tensor Rand(Generator generator, long[] shape, DType dtype = DType.Float32) =>
        Random(0, generator, shape, dtype);

    /// <summary>Standard normal draws from <paramref name="generator"/>.</summary>
    public static Tensor Randn(Generator generator, long[] shape, DType dtype = DType.Float32) =>
        Random(1, generator, shape, dtype);

    public static Tensor Randint(Generator generator, long low, long high, long[] shape, DType dtype = DType.Int64)
    {
        var status = NativeMethods.vp_randint(low, high, shape, shape.Length, (int)dtype, (int)generator.Device.Type, generator.Device.Index, generator.Handle, out var r);
        GC.KeepAlive(generator); // its finalizer must not free the native generator mid-draw
        return From(status, r);
    }

    private static Tensor Random(int kind, Generator g, long[] shape, DType dtype)
    {
        var status = NativeMethods.vp_random(kind, shape, shape.Length, (int)dtype, (int)g.Device.Type, g.Device.Index, g.Handle, out var r);
        GC.KeepAlive(g); // its finalizer must not free the native generator mid-draw
        return From(status, r);
    }

    private static void CheckCount(int length, long[] shape)
    {
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0)
            {
                throw new ArgumentException($"negative size in shape [{string.Join(", ", shape)}]");
            }

            count *= s;
        }

        if (count != length)
        {
            throw new ArgumentException($"{length} elements do not fill shape [{string.Join(", ", shape)}] ({count} elements)");
        }
    }

    // ---- reading back ----

    /// <summary>Copies every element (any layout, any device) into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var dt = DTypeExtensions.Of<T>();
        if (dt != DType)
        {
            throw new ArgumentException($"tensor is {DType.TorchName()}, destination holds {dt.TorchName()}");
        }

        fixed (T* p = destination)
        {
            NativeMethods.Check(NativeMethods.vp_copy_to_host(Handle, p, (long)destination.Length * sizeof(T)));
        }
    }

    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[Numel];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>The raw little-endian bytes of every element in row-major order.</summary>
    public unsafe byte[] ToBytes()
    {
        var result = new byte[ByteCount];
        fixed (byte* p = result)
        {
            NativeMethods.Check(NativeMethods.vp_copy_to_host(Handle, p, result.Length));
        }

        return result;
    }

    /// <summary>Overwrites the elements from host memory (same dtype, same element count).</summary>
    public unsafe void CopyFrom<T>(ReadOnlySpan<T> source) where T : unmanaged
    {
        var dt = DTypeExtensions.Of<T>();
        if (dt != DType)
        {
            throw new ArgumentException($"tensor is {DType.TorchName()}, source holds {dt.TorchName()}");
        }

        fixed (T* p = source)
        {
            NativeMethods.Check(NativeMethods.vp_copy_from_host(Handle, p, (long)source.Length * sizeof(T)));
        }
    }

    public double Item()
    {
        NativeMethods.Check(NativeMethods.vp_item(Handle, out var v));
        return v;
    }

    // ---- conversion ----

    public Tensor To(DType dtype, bool copy = false) => To(dtype, Device, copy);

    public Tensor To(Device device, bool copy = false) => To(DType, device, copy);

    public Tensor To(DType dtype, Device device, bool copy = false) =>
        From(NativeMethods.vp_to(Handle, (int)dtype, (int)device.Type, device.Index, copy ? 1 : 0, out var r), r);

    public Tensor Clone() => From(NativeMethods.vp_clone(Handle, out var r), r);

    public Tensor Contiguous() => From(NativeMethods.vp_contiguous(Handle, out var r), r);

    /// <summary>Copies <paramref name="source"/> into this tensor in place (broadcasting, converting dtype/device).</summary>
    public Tensor CopyFrom(Tensor source)
    {
        NativeMethods.Check(NativeMethods.vp_copy_(Handle, source.Handle));
        return this;
    }

    public Tensor Fill(double value)
    {
        NativeMethods.Check(NativeMethods.vp_fill_(Handle, value));
        return this;
    }
}

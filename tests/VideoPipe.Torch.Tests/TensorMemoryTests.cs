using System.Runtime.CompilerServices;
using VideoPipe.Torch.Tests.Support;

namespace VideoPipe.Torch.Tests;

/// <summary>Every dtype from and to managed memory, dtype conversion, and zero-copy wrapping of pinned/native buffers.</summary>
public class TensorMemoryTests
{
    [Fact]
    public void EveryDTypeRoundTripsThroughManagedMemory()
    {
        using var scope = DisposeScope.Enter();
        RoundTrip(new float[] { 1.5f, -2, 3e-8f, float.MaxValue }, DType.Float32);
        RoundTrip(new double[] { 1.5, -2, 1e-300, double.MaxValue }, DType.Float64);
        RoundTrip(new Half[] { (Half)1.5, (Half)(-2), Half.Epsilon, Half.MaxValue }, DType.Float16);
        RoundTrip(new[] { BFloat16.FromSingle(1.5f), BFloat16.FromSingle(-2), BFloat16.FromSingle(3e38f), BFloat16.FromSingle(1e-30f) }, DType.BFloat16);
        RoundTrip(new long[] { long.MinValue, -1, 0, long.MaxValue }, DType.Int64);
        RoundTrip(new int[] { int.MinValue, -1, 0, int.MaxValue }, DType.Int32);
        RoundTrip(new byte[] { 0, 1, 128, 255 }, DType.UInt8);
        RoundTrip(new bool[] { true, false, false, true }, DType.Bool);
    }

    private static void RoundTrip<T>(T[] values, DType dtype) where T : unmanaged
    {
        var t = Tensor.FromArray(values, 2, 2);
        Assert.Equal(dtype, t.DType);
        Assert.Equal(values, t.ToArray<T>());
        var back = new T[4];
        t.CopyTo<T>(back);
        Assert.Equal(values, back);
        var bytes = Tensor.FromBytes(t.ToBytes(), dtype, 2, 2);
        Assert.Equal(values, bytes.ToArray<T>());
        var target = Tensor.Empty([2, 2], dtype);
        target.CopyFrom<T>(values);
        Assert.Equal(values, target.ToArray<T>());
    }

    [Fact]
    public void DTypeConversionsRoundAsTorchDoes()
    {
        using var scope = DisposeScope.Enter();
        var x = Tensor.FromArray(new float[] { 1.0f, 1.00390625f, 1.01171875f, 65504f, 70000f, -2.7f }, 6);
        // bfloat16 keeps 8 significant bits, rounding to nearest even: 1 + 2^-8 ties to 1, 1 + 3*2^-8 ties up to 1 + 2^-6
        Assert.Equal(new float[] { 1, 1, 1.015625f, 65536, 70144, -2.703125f }, x.To(DType.BFloat16).To(DType.Float32).ToArray<float>());
        // float16: 70000 overflows to infinity; 65504 is its largest finite value
        Assert.Equal(new float[] { 1, 1.00390625f, 1.01171875f, 65504, float.PositiveInfinity, -2.69921875f }, x.To(DType.Float16).To(DType.Float32).ToArray<float>());
        Assert.Equal(new long[] { 1, 1, 1, 65504, 70000, -2 }, x.To(DType.Int64).ToArray<long>()); // truncation toward zero
        Assert.Equal(new[] { true, true, true, true, true, true }, x.To(DType.Bool).ToArray<bool>());
        Assert.Equal(new[] { 1.0, 1.00390625, 1.01171875, 65504, 70000, (double)-2.7f }, x.To(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void ReadingWithTheWrongElementTypeThrows()
    {
        using var t = Tensor.Zeros([3]);
        Assert.Throws<ArgumentException>(() => t.ToArray<double>());
        Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], 2, 2));
    }

    [Fact]
    public void CopiesReadNonContiguousTensorsInLogicalOrder()
    {
        using var scope = DisposeScope.Enter();
        var t = Tensor.Arange(0, 6, dtype: DType.Float32).Reshape(2, 3).Transpose(0, 1);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, t.ToArray<float>());
    }

    [Fact]
    public void WrapPinnedSharesMemoryBothWays()
    {
        var data = new float[] { 1, 2, 3, 4, 5, 6 };
        using var t = Tensor.WrapPinned(data, 2, 3);
        data[4] = 50;
        Assert.Equal(50f, t.ToArray<float>()[4]);
        t.MulInPlace(2);
        Assert.Equal(new float[] { 2, 4, 6, 8, 100, 12 }, data);
    }

    [Fact]
    public void WrapNativeReleasesOnceWhenLibtorchDropsTheLastView()
    {
        var released = 0;
        var data = new float[] { 1, 2, 3, 4 };
        var pin = System.Runtime.InteropServices.GCHandle.Alloc(data, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            var t = Tensor.WrapNative(pin.AddrOfPinnedObject(), DType.Float32, [4], () => released++);
            var view = t.Narrow(0, 1, 2);
            t.Dispose();
            Assert.Equal(0, released); // the view still holds the storage
            Assert.Equal(new float[] { 2, 3 }, view.ToArray<float>());
            view.Dispose();
            Assert.Equal(1, released);
        }
        finally
        {
            pin.Free();
        }
    }

    [Fact]
    public void WrapPinnedReleasesThePinWhenLibtorchDropsTheStorage()
    {
        // the pin is a strong GC handle: while libtorch holds the storage the array cannot be collected
        var (weak, view) = WrapAndForget();
        Collect();
        Assert.True(weak.IsAlive, "the array was collected while libtorch still used it");
        Assert.Equal(new float[] { 7, 7 }, view.ToArray<float>());
        view.Dispose();
        Collect();
        Assert.False(weak.IsAlive, "the pin outlived the last libtorch reference");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Weak, Tensor View) WrapAndForget()
    {
        var data = new float[] { 7, 7, 7, 7 };
        var t = Tensor.WrapPinned(data, 4);
        var view = t.Slice(0, 0, 4, 2);
        t.Dispose();
        return (new WeakReference(data), view);
    }

    private static void Collect()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    [Fact]
    public void CreationHelpers()
    {
        using var scope = DisposeScope.Enter();
        TensorAssert.Values([0, 0.25, 0.5, 0.75, 1], Tensor.Linspace(0, 1, 5));
        Assert.Equal(new long[] { 2, 5, 8 }, Tensor.Arange(2, 10, 3).ToArray<long>());
        Assert.Equal(new float[] { 7, 7 }, Tensor.Full([2], 7).ToArray<float>());
        Assert.Equal(new double[] { 1, 1 }, Tensor.Ones([2], DType.Float64).ToArray<double>());
        Assert.Equal(2.5, Tensor.Scalar(2.5).Item());
        Assert.Empty(Tensor.Scalar(1).Shape);
    }
}

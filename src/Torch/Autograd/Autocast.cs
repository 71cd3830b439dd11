using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>
/// Automatic mixed precision for the calling thread, as torch.autocast: inside a scope, the ops on libtorch's
/// autocast lists (convolutions, linear layers, matrix products) run in <c>bfloat16</c> (CPU or CUDA) or
/// <c>float16</c> (CUDA) while the weights stay float32; precision-sensitive ops stay in float32. The state belongs
/// to the OS thread: keep awaits out of a scope. Scopes nest and restore the previous state when disposed.
/// </summary>
public static class Autocast
{
    /// <summary>Runs autocast-list ops in <paramref name="dtype"/> on <paramref name="device"/>'s type until disposed.</summary>
    public static AutocastScope Enable(DType dtype, DeviceType device = DeviceType.Cpu)
    {
        if (dtype is not (DType.BFloat16 or DType.Float16))
        {
            throw new ArgumentException($"autocast runs in bfloat16 or float16, not {dtype.TorchName()}");
        }

        if (dtype == DType.Float16 && device == DeviceType.Cpu)
        {
            throw new ArgumentException("float16 autocast needs CUDA; on the CPU use bfloat16");
        }

        return new AutocastScope(device, Set(device, (int)dtype));
    }

    /// <summary>The dtype autocast runs in on <paramref name="device"/>'s type, or null when it is off.</summary>
    public static DType? Current(DeviceType device = DeviceType.Cpu)
    {
        var previous = Set(device, 0);
        Set(device, previous);
        return previous == 0 ? null : (DType)previous;
    }

    internal static int Set(DeviceType device, int dtype)
    {
        NativeMethods.Check(NativeMethods.vp_set_autocast(device == DeviceType.Cpu ? 0 : 1, dtype, out var previous));
        return previous;
    }
}

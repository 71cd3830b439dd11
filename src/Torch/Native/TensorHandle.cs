using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

/// <summary>Owns one native at::Tensor handle. The finalizer is only a safety net: tensors are disposed explicitly.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(nint.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == nint.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.vp_free(handle);
        return true;
    }
}

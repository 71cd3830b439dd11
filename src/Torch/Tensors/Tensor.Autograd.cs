using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// Whether operations on this tensor are recorded in grad mode (torch's requires_grad). Only normal tensors can
    /// require grad: clone an inference tensor in grad or no-grad mode first.
    /// </summary>
    public bool RequiresGrad
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_requires_grad(Handle, out var value));
            return value != 0;
        }

        set => NativeMethods.Check(NativeMethods.vp_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>True for tensors created by the user rather than by a recorded operation (torch's is_leaf).</summary>
    public bool IsLeaf
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_is_leaf(Handle, out var value));
            return value != 0;
        }
    }

    /// <summary>
    /// The gradient accumulated by <see cref="Backward"/> (a new handle on the same storage, which the caller
    /// disposes), or null when none has been; setting null clears it (as zero_grad(set_to_none=True)).
    /// </summary>
    public Tensor? Grad
    {
        get
        {
            var status = NativeMethods.vp_grad(Handle, out var result);
            if (status == 0 && result.IsInvalid)
            {
                result.Dispose();
                return null;
            }

            return From(status, result);
        }

        set
        {
            using var grad = new BorrowedHandle(value);
            NativeMethods.Check(NativeMethods.vp_set_grad(Handle, grad.Pointer));
        }
    }

    /// <summary>A tensor on the same storage that is not recorded (torch's detach).</summary>
    public Tensor Detach() => From(NativeMethods.vp_detach(Handle, out var r), r);

    /// <summary>
    /// Back-propagates from this tensor into the .grad of every leaf that requires grad (torch's backward). A
    /// non-scalar tensor needs <paramref name="gradient"/> of its shape. Needs grad mode on this thread.
    /// </summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false, bool createGraph = false)
    {
        using var g = new BorrowedHandle(gradient);
        NativeMethods.Check(NativeMethods.vp_backward(Handle, g.Pointer, retainGraph ? 1 : 0, createGraph ? 1 : 0));
    }
}

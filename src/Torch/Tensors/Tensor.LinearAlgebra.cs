using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

public sealed partial class Tensor
{
    public Tensor MatMul(Tensor other) => From(NativeMethods.vp_matmul(Handle, other.Handle, out var r), r);

    public Tensor Bmm(Tensor other) => From(NativeMethods.vp_bmm(Handle, other.Handle, out var r), r);

    /// <summary>beta * this + alpha * (a @ b), batched.</summary>
    public Tensor BAddBmm(Tensor a, Tensor b, double beta = 1, double alpha = 1) =>
        From(NativeMethods.vp_baddbmm(Handle, a.Handle, b.Handle, beta, alpha, out var r), r);
}

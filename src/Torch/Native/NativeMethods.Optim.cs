namespace VideoPipe.Torch.Native;

/// <summary>P/Invoke declarations for the optimizer section of native/include/vp.h.</summary>
internal static unsafe partial class NativeMethods
{
    [System.Runtime.InteropServices.LibraryImport(Lib)] internal static partial int vp_adam_step(TensorHandle param, TensorHandle grad, TensorHandle expAvg, TensorHandle expAvgSq, long step, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled);
    [System.Runtime.InteropServices.LibraryImport(Lib)] internal static partial int vp_sgd_step(TensorHandle param, TensorHandle grad, TensorHandle momentumBuffer, double lr, double momentum, double dampening, double weightDecay, int nesterov);
    [System.Runtime.InteropServices.LibraryImport(Lib)] internal static partial int vp_clip_grad_norm(nint* grads, int n, double maxNorm, double normType, out double totalNorm);
    [System.Runtime.InteropServices.LibraryImport(Lib)] internal static partial int vp_ema_update(TensorHandle ema, TensorHandle value, double decay);
}

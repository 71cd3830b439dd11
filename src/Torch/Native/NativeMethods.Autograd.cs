using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

/// <summary>P/Invoke declarations for the autograd section of native/include/vp.h.</summary>
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int vp_set_grad_mode(int mode);
    [LibraryImport(Lib)] internal static partial int vp_set_autocast(int deviceType, int dtype, out int previousDType);
    [LibraryImport(Lib)] internal static partial int vp_get_grad_mode(out int mode);
    [LibraryImport(Lib)] internal static partial int vp_requires_grad(TensorHandle t, out int value);
    [LibraryImport(Lib)] internal static partial int vp_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Lib)] internal static partial int vp_is_leaf(TensorHandle t, out int value);
    [LibraryImport(Lib)] internal static partial int vp_grad(TensorHandle t, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_set_grad(TensorHandle t, nint grad);
    [LibraryImport(Lib)] internal static partial int vp_detach(TensorHandle t, out TensorHandle result);
    [LibraryImport(Lib)] internal static partial int vp_backward(TensorHandle t, nint gradient, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial int vp_autograd_grad(nint* outputs, int noutputs, nint* inputs, int ninputs, nint* gradOutputs, int retainGraph, int createGraph, int allowUnused, nint* outs);
}

using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

internal static partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int vp_channel_rms_norm(TensorHandle x, TensorHandle scale, long groups, double eps, int silu, out TensorHandle result);
}

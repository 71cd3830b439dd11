using System.Runtime.InteropServices;

namespace VideoPipe.Torch.Native;

/// <summary>P/Invoke declarations for the profiling section of native/include/vp.h.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int vp_profile_begin(string tracePath);
    [LibraryImport(Lib)] internal static partial int vp_profile_end();
}

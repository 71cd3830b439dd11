using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>
/// Records every libtorch operator the calling thread runs (forward and backward) until disposed, then writes a
/// Chrome trace (open in chrome://tracing or Perfetto) to the given path. For finding slow kernels, not for production.
/// </summary>
public sealed class OperatorProfile : IDisposable
{
    private bool disposed;

    private OperatorProfile(string tracePath) => NativeMethods.Check(NativeMethods.vp_profile_begin(tracePath));

    public static OperatorProfile Begin(string tracePath) => new(Path.GetFullPath(tracePath));

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        NativeMethods.Check(NativeMethods.vp_profile_end());
    }
}

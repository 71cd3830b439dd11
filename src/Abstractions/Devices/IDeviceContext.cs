using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// The device a plugin must run on, owned by the host. On CUDA it carries a stream from the host's pool, made
/// current around the plugin's work; plugins never create streams of their own. On CPU the host's context runs
/// the model calls entered through it one at a time (re-entrant on one thread); <see cref="CpuDeviceContext"/> is
/// the no-op one for code outside a host (parity runs, tests).
/// </summary>
public interface IDeviceContext
{
    Device Device { get; }

    /// <summary>The pool stream assigned to this work (null on CPU).</summary>
    long? StreamId { get; }

    /// <summary>
    /// Makes this context's stream current on the calling thread until disposed (the host's CPU context: waits until
    /// no other thread is inside). Enter and dispose on the same thread, around synchronous work.
    /// </summary>
    IDisposable Enter();
}

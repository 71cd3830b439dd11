using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// The device a plugin must run on, owned by the host. On CUDA it carries a stream from the host's pool, made
/// current around the plugin's work; plugins never create streams of their own. On CPU it is a no-op.
/// </summary>
public interface IDeviceContext
{
    Device Device { get; }

    /// <summary>The pool stream assigned to this work (null on CPU).</summary>
    long? StreamId { get; }

    /// <summary>Makes this context's stream current on the calling thread until disposed.</summary>
    IDisposable Enter();
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>A CUDA device with one stream from the host's pool, made current around a plugin's work.</summary>
internal sealed class CudaDeviceContext(Device device, long stream) : IDeviceContext
{
    public Device Device { get; } = device;

    public long? StreamId { get; } = stream;

    public IDisposable Enter()
    {
        var previous = CudaStreams.Current(Device.Index);
        CudaStreams.SetCurrent(Device.Index, stream);
        return new Restore(Device.Index, previous);
    }

    private sealed class Restore(int device, long previous) : IDisposable
    {
        private int done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                CudaStreams.SetCurrent(device, previous);
            }
        }
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// The host's owner of devices: hands out device contexts (CPU: the shared no-op context; CUDA: a context
/// carrying a stream from libtorch's pool). Plugins receive these and never create streams themselves.
/// </summary>
public sealed class DeviceManager
{
    public IDeviceContext Create(Device device)
    {
        if (device.Type == DeviceType.Cpu)
        {
            return CpuDeviceContext.Instance;
        }

        TorchRuntime.EnsureInitialized();
        if (!TorchRuntime.CudaAvailable)
        {
            throw new InvalidOperationException($"{device} requested but this libtorch has no usable CUDA device");
        }

        if (device.Index >= TorchRuntime.CudaDeviceCount)
        {
            throw new InvalidOperationException($"{device} requested but only {TorchRuntime.CudaDeviceCount} CUDA device(s) exist");
        }

        return new CudaDeviceContext(device, CudaStreams.FromPool(device.Index, highPriority: false));
    }
}

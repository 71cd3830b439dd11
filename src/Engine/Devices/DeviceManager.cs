using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// The host's owner of devices: hands out device contexts (CPU: one context for every user, through which model
/// calls run one at a time, <see cref="SerializedCpuContext"/>; CUDA: a context carrying a stream from libtorch's
/// pool). Plugins receive these and never create streams themselves.
/// </summary>
public sealed class DeviceManager
{
    private readonly SerializedCpuContext cpu = new();

    public IDeviceContext Create(Device device)
    {
        if (device.Type == DeviceType.Cpu)
        {
            return cpu;
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

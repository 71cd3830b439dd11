using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Parity;

/// <summary>A case's tensor files, loaded onto the device the case runs on (comparisons move results back to the CPU).</summary>
internal static class GoldenTensors
{
    public static Dictionary<string, Tensor> Load(string path, Device device)
    {
        var tensors = Safetensors.Load(path);
        if (device.Type == DeviceType.Cpu)
        {
            return tensors;
        }

        try
        {
            foreach (var name in tensors.Keys.ToList())
            {
                using var onCpu = tensors[name];
                tensors[name] = onCpu.To(device);
            }

            return tensors;
        }
        catch
        {
            DisposeAll(tensors);
            throw;
        }
    }

    public static void DisposeAll(Dictionary<string, Tensor> tensors)
    {
        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }
    }
}

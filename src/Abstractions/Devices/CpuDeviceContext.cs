using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>The CPU device context: same contract, nothing to switch.</summary>
public sealed class CpuDeviceContext : IDeviceContext
{
    public static readonly CpuDeviceContext Instance = new();

    public Device Device => Device.Cpu;

    public long? StreamId => null;

    public IDisposable Enter() => NoOp.Instance;

    private sealed class NoOp : IDisposable
    {
        public static readonly NoOp Instance = new();

        public void Dispose()
        {
        }
    }
}

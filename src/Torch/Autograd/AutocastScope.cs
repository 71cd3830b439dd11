namespace VideoPipe.Torch;

/// <summary>Restores the thread's previous autocast state when disposed.</summary>
public sealed class AutocastScope : IDisposable
{
    private readonly DeviceType device;
    private readonly int previous;
    private bool disposed;

    internal AutocastScope(DeviceType device, int previous) => (this.device, this.previous) = (device, previous);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Autocast.Set(device, previous);
    }
}

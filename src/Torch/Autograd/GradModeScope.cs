namespace VideoPipe.Torch;

/// <summary>Restores the thread's previous <see cref="AutogradMode"/> when disposed.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly AutogradMode previous;
    private bool disposed;

    internal GradModeScope(AutogradMode previous) => this.previous = previous;

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        GradMode.Set(previous);
    }
}

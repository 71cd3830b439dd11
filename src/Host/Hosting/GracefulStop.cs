namespace VideoPipe.Host;

/// <summary>
/// Turns the host's stop signal into the engine's two tokens: stop intake at once, abort in-flight work when the
/// grace period runs out.
/// </summary>
internal sealed class GracefulStop : IDisposable
{
    private readonly CancellationTokenSource abort = new();
    private readonly CancellationTokenRegistration registration;

    public GracefulStop(CancellationToken stopping, TimeSpan grace)
    {
        StopIntake = stopping;
        registration = stopping.Register(() => abort.CancelAfter(grace));
    }

    public CancellationToken StopIntake { get; }

    public CancellationToken Abort => abort.Token;

    public void Dispose()
    {
        registration.Dispose();
        abort.Dispose();
    }
}

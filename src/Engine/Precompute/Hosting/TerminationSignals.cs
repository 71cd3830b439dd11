using System.Runtime.InteropServices;

namespace VideoPipe.Precompute;

/// <summary>
/// Turns SIGTERM/SIGINT into a drain: the first signal stops intake and starts the grace period, after which
/// in-flight work is abandoned; a second signal abandons it at once. The process is not killed by the signal
/// itself, so the ledger is always flushed before exit.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource stopIntake = new();
    private readonly CancellationTokenSource abort = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly TimeSpan gracePeriod;

    public TerminationSignals(TimeSpan gracePeriod)
    {
        this.gracePeriod = gracePeriod;
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public StopSignals Signals => new(stopIntake.Token, abort.Token);

    public PosixSignal? Received { get; private set; }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stopIntake.Dispose();
        abort.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Received is null)
        {
            Received = context.Signal;
            Console.Error.WriteLine($"videopipe precompute: {context.Signal} received; finishing in-flight clips for up to {gracePeriod.TotalSeconds:0} s (send again to stop now)");
            stopIntake.Cancel();
            abort.CancelAfter(gracePeriod);
        }
        else
        {
            abort.Cancel();
        }
    }
}

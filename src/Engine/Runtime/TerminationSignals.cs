using System.Runtime.InteropServices;

namespace VideoPipe.Engine;

/// <summary>
/// SIGTERM and SIGINT as cancellation instead of process death, for jobs that must finish a unit of work and write
/// their state before exiting. The first signal cancels <see cref="Stop"/> (stop taking work: training finishes its
/// step and checkpoints, precompute stops intake); <see cref="Abort"/> (abandon work in flight) follows after the
/// grace period, if one is given, or at a second signal.
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource abort = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly string announcement;
    private readonly TimeSpan? gracePeriod;

    /// <param name="command">The command, as messages name it (e.g. "train").</param>
    /// <param name="plan">What the job does after the first signal, for the message on stderr.</param>
    /// <param name="gracePeriod">How long work in flight may run after the first signal; null: until it ends.</param>
    public TerminationSignals(string command, string plan, TimeSpan? gracePeriod = null)
    {
        this.gracePeriod = gracePeriod;
        announcement = $"videopipe {command}: {{0}} received; {plan}"
            + (gracePeriod is { } grace ? $" for up to {grace.TotalSeconds:0} s (send again to stop now)" : "");
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public CancellationToken Stop => stop.Token;

    public CancellationToken Abort => abort.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
        abort.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!stop.IsCancellationRequested)
        {
            Console.Error.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, announcement, context.Signal));
            stop.Cancel();
            if (gracePeriod is { } grace)
            {
                abort.CancelAfter(grace);
            }
        }
        else
        {
            abort.Cancel();
        }
    }
}

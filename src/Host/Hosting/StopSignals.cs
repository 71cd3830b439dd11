using System.Runtime.InteropServices;

namespace VideoPipe.Host;

/// <summary>
/// SIGTERM and SIGINT as a cancellation token instead of process death, for jobs that must finish a unit of work
/// and write their state before exiting (training writes a checkpoint after the step in progress).
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly List<PosixSignalRegistration> registrations = [];
    private readonly string message;

    public StopSignals(string message)
    {
        this.message = message;
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
    }

    public CancellationToken Token => stop.Token;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (!stop.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{context.Signal} received: {message}");
            stop.Cancel();
        }
    }
}

namespace VideoPipe.Precompute;

/// <summary>
/// How a run is told to stop: <see cref="StopIntake"/> ends decoding of new work; clips already decoded may finish
/// until <see cref="Abort"/> fires (the grace period after the signal).
/// </summary>
public sealed record StopSignals(CancellationToken StopIntake, CancellationToken Abort)
{
    public static readonly StopSignals None = new(CancellationToken.None, CancellationToken.None);
}

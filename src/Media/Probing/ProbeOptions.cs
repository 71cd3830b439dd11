namespace VideoPipe.Media;

/// <summary>How hard <see cref="VideoProber"/> may work.</summary>
public sealed record ProbeOptions
{
    public static ProbeOptions Default { get; } = new();

    /// <summary>
    /// When the container does not state the frame count, files up to this size have their video packets
    /// counted (demux only, no decoding), which also measures whether the frame rate is variable. Larger
    /// files get an estimate from duration × average frame rate.
    /// </summary>
    public long PacketScanMaxBytes { get; init; } = 512L * 1024 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);
}

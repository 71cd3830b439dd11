namespace VideoPipe.Media;

/// <summary>How <see cref="VideoInfo.FrameCount"/> was obtained.</summary>
public enum FrameCountSource
{
    /// <summary>The container states it (e.g. mp4 sample table): exact.</summary>
    ContainerHeader,

    /// <summary>Counted by demuxing every video packet (no decoding): exact.</summary>
    PacketScan,

    /// <summary>Duration × average frame rate, because counting would have been too expensive: an estimate.</summary>
    Estimated,

    /// <summary>Neither the container nor the duration allowed a count.</summary>
    Unknown,
}

using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>What flows between the dataset stages: a source's <see cref="SourceMessage"/>s, before and after encoding.</summary>
public static class DatasetPorts
{
    /// <summary>Decoded clips (<see cref="ClipToEncode"/>) and the source's other events, in order.</summary>
    public static readonly PortKind Clips = new("clips");

    /// <summary>Encoded clips (<see cref="ClipEncoded"/>) and the source's other events, in order.</summary>
    public static readonly PortKind EncodedClips = new("encoded-clips");

    public static readonly StageOption DatasetOption = new("dataset", OptionKind.String, "the dataset (under $.datasets) this stage works on") { Required = true };
}

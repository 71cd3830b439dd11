using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>What a tokenizer promises; the host validates pipelines against it before any work starts.</summary>
public sealed record TokenizerCard
{
    public required string Family { get; init; }

    public required string Variant { get; init; }

    public required string Version { get; init; }

    public required int TemporalCompression { get; init; }

    public required int SpatialCompression { get; init; }

    public required FrameRule FrameRule { get; init; }

    /// <summary>Height and width must be multiples of this.</summary>
    public required int SpatialAlignment { get; init; }

    public required int LatentChannels { get; init; }

    public required LatentScaling Scaling { get; init; }

    /// <summary>True when encode/decode sessions keep an exact per-layer causal cache (streamed = whole-clip).</summary>
    public required bool ExactCausalStreaming { get; init; }

    /// <summary>True when decode draws noise (then a seed is required and recorded).</summary>
    public required bool GenerativeDecode { get; init; }

    public IReadOnlyList<DType> SupportedDTypes { get; init; } = [DType.Float32, DType.BFloat16];

    public IReadOnlyList<DeviceType> SupportedDevices { get; init; } = [DeviceType.Cpu, DeviceType.Cuda];

    /// <summary>Frames per temporal tile the host uses when the family has no exact cache (0: whole clip).</summary>
    public int DefaultTileFrames { get; init; }

    /// <summary>Frames shared between neighbouring temporal tiles (host overlap tiling).</summary>
    public int DefaultTileOverlapFrames { get; init; }

    /// <summary>True when the family's reference blends the shared frames of neighbouring tiles linearly; false: the later tile's copies are dropped.</summary>
    public bool BlendTileOverlap { get; init; }

    /// <summary>
    /// The keys the family reads from <c>EncodeOptions.Settings</c> / <c>DecodeOptions.Settings</c>, each with what it
    /// does; jobs refuse any other key before work starts.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Free-form facts worth recording with outputs (e.g. tiling defaults).</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();
}

using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>The stage types the host ships; plugins add more.</summary>
public static class BuiltinStageTypes
{
    public static IReadOnlyList<IStageType> All { get; } =
    [
        new SourceStageType(),
        new DecodeStageType(),
        new ChunkStageType(),
        new EncodeStageType(),
        new StoreLatentsStageType(),
        new LoadLatentsStageType(),
        new LoadDatasetStageType(),
        new DecodeLatentsStageType(),
        new StitchStageType(),
        new WriteVideoStageType(),
        new MetricsStageType(),
        new Precompute.DecodeClipsStageType(),
        new Precompute.EncodeClipsStageType(),
        new Precompute.StoreDatasetStageType(),
    ];
}

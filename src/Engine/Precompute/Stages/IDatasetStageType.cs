using VideoPipe.Abstractions;

namespace VideoPipe.Precompute;

/// <summary>
/// A stage type that works on one of the pipeline's datasets (its <c>dataset</c> option): the runner opens that
/// dataset's shard run once and hands it to every such stage.
/// </summary>
public interface IDatasetStageType : IStageType
{
    IStage Create(StageContext context, DatasetRun dataset);
}

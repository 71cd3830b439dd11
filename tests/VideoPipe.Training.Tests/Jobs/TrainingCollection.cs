namespace VideoPipe.Training.Tests.Jobs;

/// <summary>Runs set libtorch's process-wide thread count: they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TrainingCollection
{
    public const string Name = "training runs";
}

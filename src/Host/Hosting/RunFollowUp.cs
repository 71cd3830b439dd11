using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>What a <see cref="RunRequest.Then"/> step gets: the completed run's result and a way to run another graph with the same components.</summary>
public sealed record RunFollowUp(PipelineResult Result, Func<PipelineDefinition, Task<PipelineResult>> Run, CancellationToken CancellationToken);

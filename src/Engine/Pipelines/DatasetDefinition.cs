using System.Text.Json;

namespace VideoPipe.Engine;

/// <summary>
/// A latent dataset the pipeline writes (precompute): its folder, shard, clip windows, framing, posterior, format and
/// item policies, as the options object of docs/pipelines.md ("datasets"). One shard run of it is opened before the
/// stages start and finished after they end.
/// </summary>
public sealed record DatasetDefinition
{
    public required string Name { get; init; }

    public required JsonElement Options { get; init; }

    /// <summary>JSON path of the dataset object, e.g. <c>$.datasets.latents</c>.</summary>
    public required string JsonPath { get; init; }
}

using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Reads latent files back into latent tiles: the items are <c>.safetensors</c> files in the one latent format
/// (written by store-latents or precompute, including precompute's earlier format).
/// </summary>
public sealed class LoadLatentsStageType : IStageType
{
    public string Name => "load-latents";

    public string Description => "Latent files (store-latents or precompute) to latent tiles.";

    public PortKind Input => PortKind.Items;

    public PortKind Output => PortKind.Latents;

    public IReadOnlyList<StageOption> Options { get; } = [];

    public IStage Create(StageContext context) => new LoadLatentsStage();
}

internal sealed class LoadLatentsStage : IStage
{
    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var (metadata, tiles) = LatentFile.Load(message.Item.SourcePath);
        var item = new WorkItem
        {
            Id = metadata.ItemId,
            SourcePath = metadata.SourcePath,
            ContentSha256 = metadata.SourceSha256,
            StartSeconds = metadata.StartSeconds,
            EndSeconds = metadata.EndSeconds,
            Index = message.Item.Index,
            Attributes = metadata.Attributes,
        };
        await LatentEmission.EmitAsync(item, tiles, 0, true, output, cancellationToken);
    }
}

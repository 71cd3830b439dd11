using VideoPipe.Abstractions;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Engine.Stages;

/// <summary>Reads latent files written by store-latents (the items are the .safetensors files) back into latent tiles.</summary>
public sealed class LoadLatentsStageType : IStageType
{
    public string Name => "load-latents";

    public string Description => "Latent files (from store-latents) to latent tiles.";

    public PortKind Input => PortKind.Items;

    public PortKind Output => PortKind.Latents;

    public IReadOnlyList<StageOption> Options { get; } = [];

    public IStage Create(StageContext context) => new LoadLatentsStage();
}

internal sealed class LoadLatentsStage : IStage
{
    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        List<LatentTile> tiles;
        WorkItem item;
        using (var file = SafetensorsFile.Open(message.Item.SourcePath))
        {
            (item, var geometries, var provenance) = LatentFileFormat.Read(file.Metadata, message.Item);
            tiles = geometries.Select(g => new LatentTile(file.Load(LatentFileFormat.TensorName(g.TileIndex)), g, provenance)).ToList();
        }

        var emitted = 0;
        try
        {
            for (; emitted < tiles.Count; emitted++)
            {
                await output.EmitAsync(new StageMessage(item, tiles[emitted], emitted == tiles.Count - 1) { Sequence = emitted }, cancellationToken);
            }
        }
        finally
        {
            // Tiles not handed over (cancelled mid-item) are still ours to free.
            tiles.Skip(emitted).ToList().ForEach(t => t.Dispose());
        }
    }
}

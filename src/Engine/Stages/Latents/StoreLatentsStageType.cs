using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Writes one latent file per clip (<c>directory/&lt;item id&gt;.safetensors</c>, the format of <see cref="LatentFile"/>)
/// once all its latent tiles arrived, through a temporary file, fsync and rename; a clip that never completes leaves
/// nothing behind.
/// </summary>
public sealed class StoreLatentsStageType : IStageType
{
    public string Name => "store-latents";

    public string Description => "Latents to one safetensors file per clip, with provenance metadata.";

    public PortKind Input => PortKind.Latents;

    public PortKind Output => PortKind.None;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("directory", OptionKind.String, "output folder (relative to the pipeline file)") { Required = true },
        new("dtype", OptionKind.String, "stored element type (default float32)") { AllowedValues = ["float32", "bfloat16", "float16"] },
    ];

    public IStage Create(StageContext context)
    {
        var options = new OptionReader(context.Options);
        var directory = context.ResolvePath(options.String("directory")!);
        Directory.CreateDirectory(directory);
        return new StoreLatentsStage(directory, DTypeExtensions.ParseDType(options.String("dtype", "float32")));
    }
}

internal sealed class StoreLatentsStage(string directory, DType dtype) : IItemStateStage, IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, LatentTile>> pending = new(StringComparer.Ordinal);

    public ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var latent = (LatentTile)message.Payload;
        var tiles = pending.GetOrAdd(message.Item.Id, _ => new ConcurrentDictionary<int, LatentTile>());
        tiles[latent.Geometry.TileIndex] = new LatentTile(latent.Latents.To(dtype, Device.Cpu), latent.Geometry, latent.Provenance);
        var ordered = tiles.Values.OrderBy(t => t.Geometry.TileIndex).ToList();
        var complete = ordered[^1].Geometry.IsLastTile && ordered.Count == ordered[^1].Geometry.TileIndex + 1;
        if (!complete || !pending.TryRemove(message.Item.Id, out _))
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            LatentFile.Save(Path.Combine(directory, message.Item.Id + ".safetensors"), ordered.Select(t => t.Latents).ToList(), Metadata(message.Item, ordered));
        }
        finally
        {
            ordered.ForEach(t => t.Dispose());
        }

        return ValueTask.CompletedTask;
    }

    private LatentFileMetadata Metadata(WorkItem item, IReadOnlyList<LatentTile> tiles)
    {
        var provenance = tiles[0].Provenance;
        var last = tiles[^1].Geometry;
        return new LatentFileMetadata
        {
            ItemId = item.Id,
            SourcePath = item.SourcePath,
            SourceSha256 = item.ContentSha256,
            StartSeconds = item.StartSeconds,
            EndSeconds = item.EndSeconds,
            ClipFrames = (int)(last.FirstFrame + last.ValidFrames),
            SampledFps = last.Fps,
            TokenizerFamily = provenance.Family,
            TokenizerPreset = provenance.Variant,
            TokenizerVersion = provenance.Version,
            LatentShape = tiles.Count == 1 ? tiles[0].Latents.Shape.Skip(1).ToList() : null,
            LatentDType = dtype.TorchName(),
            ScalingScale = provenance.Scaling.Scale,
            ScalingShift = provenance.Scaling.Shift,
            ScalingApplied = provenance.ScalingApplied,
            Posterior = provenance.Posterior,
            Seed = provenance.Seed,
            Tiles = tiles.Select(t => t.Geometry).ToList(),
            Attributes = item.Attributes,
            ProgramVersion = ProgramVersion.Current,
        };
    }

    public void Discard(string itemId)
    {
        if (pending.TryRemove(itemId, out var tiles))
        {
            foreach (var tile in tiles.Values)
            {
                tile.Dispose();
            }
        }
    }

    public void Dispose()
    {
        foreach (var id in pending.Keys.ToList())
        {
            Discard(id);
        }
    }
}

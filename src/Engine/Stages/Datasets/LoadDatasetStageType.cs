using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Reads a dataset of latent files (precompute's safetensors or WebDataset layout, or a store-latents folder):
/// one item per clip, or per source with its clips in order (so stitching gives one video per source).
/// </summary>
public sealed class LoadDatasetStageType : IStageType
{
    public string Name => "load-dataset";

    public string Description => "A dataset of latent files (precompute or store-latents) to latent tiles, per clip or per source.";

    public PortKind Input => PortKind.None;

    public PortKind Output => PortKind.Latents;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("directory", OptionKind.String, "the dataset folder (relative to the pipeline file)") { Required = true },
        new("fingerprint", OptionKind.String, "the precompute config fingerprint (or its start) when the dataset holds several"),
        new("per", OptionKind.String, "one item per clip (default) or per source") { AllowedValues = ["clip", "source"] },
    ];

    public IStage Create(StageContext context)
    {
        var options = new OptionReader(context.Options);
        var entries = LatentDataset.Scan(context.ResolvePath(options.String("directory")!), options.String("fingerprint"));
        return options.String("per", "clip") == "source"
            ? new LoadDatasetBySourceStage(SourceLatents.Group(entries))
            : new LoadDatasetByClipStage(entries);
    }
}

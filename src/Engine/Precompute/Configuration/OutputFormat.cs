namespace VideoPipe.Precompute;

public enum OutputFormat
{
    /// <summary>One safetensors file per clip under latents/.</summary>
    Safetensors,

    /// <summary>WebDataset tar shards of about <see cref="PrecomputeOptions.ArchiveTargetBytes"/>.</summary>
    WebDataset,
}

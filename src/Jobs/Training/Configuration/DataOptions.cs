namespace VideoPipe.Jobs.Training;

/// <summary>Where clips come from and how they are cut and augmented.</summary>
public sealed class DataOptions
{
    public const string Synthetic = "synthetic";
    public const string Videos = "videos";

    /// <summary>"synthetic" (seeded moving shapes, no files) or "videos" (folders and manifests decoded with ffmpeg).</summary>
    public string Source { get; set; } = Synthetic;

    /// <summary>Folders searched recursively for video files.</summary>
    public List<string> Folders { get; set; } = [];

    /// <summary>Text files listing one video path per line (relative to the manifest), or JSONL with a "path" field.</summary>
    public List<string> Manifests { get; set; } = [];

    /// <summary>Frames per clip (the family's frame rule applies, e.g. 1 + 4k for OD-VAE).</summary>
    public int Frames { get; set; } = 9;

    /// <summary>Square crop size in pixels.</summary>
    public int Size { get; set; } = 32;

    /// <summary>
    /// Video frames are resized so their shorter side has this many pixels before the crop; null: <see cref="Size"/>
    /// (the crop then spans the frame's shorter side). Larger values train on details at the scale they are viewed.
    /// </summary>
    public int? ShorterSide { get; set; }

    /// <summary>"random" or "center".</summary>
    public string Crop { get; set; } = "random";

    /// <summary>Horizontal flips with probability 1/2.</summary>
    public bool Flip { get; set; } = true;

    /// <summary>Frame strides drawn uniformly per clip (frame-stride augmentation).</summary>
    public List<int> FrameStrides { get; set; } = [1];

    /// <summary>
    /// Megabytes of decoded training videos kept in memory (each video is then decoded once, not once per clip
    /// drawn from it); 0 turns the cache off. The clips are the same either way.
    /// </summary>
    public int CacheMb { get; set; } = 2048;

    /// <summary>Batches decoded ahead of the training step.</summary>
    public int Prefetch { get; set; } = 2;
}

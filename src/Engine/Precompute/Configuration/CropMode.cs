namespace VideoPipe.Precompute;

public enum CropMode
{
    /// <summary>Resize so the frame covers the target, then cut the centre (keeps the aspect ratio).</summary>
    Center,

    /// <summary>Resize straight to the target size (stretches when aspect ratios differ).</summary>
    None,
}

namespace VideoPipe.Media;

/// <summary>How the resized frame is brought to a multiple of <see cref="VideoReadOptions.SizeMultiple"/>.</summary>
public enum SizeFitMode
{
    /// <summary>Cut the excess evenly from both sides (centre crop).</summary>
    CenterCrop,

    /// <summary>Add black borders evenly on both sides.</summary>
    Pad,
}

namespace VideoPipe.Plugins.ProMag;

/// <summary>How the subsampled branch's features modulate the full-rate features (AdaNorm's "Affine").</summary>
public enum MixModulation
{
    /// <summary>A 1x1x1 convolution gives a scale and a shift at every position.</summary>
    PerPosition,

    /// <summary>Global average over T, H, W then a linear layer: one scale and shift per channel.</summary>
    PerChannel,

    /// <summary>Per-position scale only (the method figure draws only a product).</summary>
    ScaleOnly,
}

namespace VideoPipe.Plugins.IvVae.Layers;

/// <summary>Upstream <c>Resample</c> modes (the 'none' mode is never constructed).</summary>
public enum ResampleMode
{
    Downsample2d,
    Downsample3d,
    Upsample2d,
    Upsample3d,
}

namespace VideoPipe.Abstractions;

/// <summary>How a 2D kernel fills the time axis of its 3D counterpart when a video model starts from an image model.</summary>
public enum InflationMode
{
    /// <summary>The kernel at the last time step, zeros before it (OD-VAE's tail initialization).</summary>
    Tail,

    /// <summary>The kernel divided by the kernel's length at every time step (average initialization).</summary>
    Average,
}

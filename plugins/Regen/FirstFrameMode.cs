namespace VideoPipe.Plugins.Regen;

/// <summary>What the content stream of the conditioning holds at frame 0.</summary>
public enum FirstFrameMode
{
    /// <summary>The SIREN's prediction at t = 0 replaces z_c (the paper's rule: images and videos alike).</summary>
    SirenReplace,

    /// <summary>z_c at every frame.</summary>
    KeepContent,
}

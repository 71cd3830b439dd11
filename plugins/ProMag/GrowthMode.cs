namespace VideoPipe.Plugins.ProMag;

/// <summary>How a model beyond 4x is grown from the 4x base (docs/promag.md).</summary>
public enum GrowthMode
{
    /// <summary>One 2x stage per doubling, each on the frozen model below it (4x → 8x → 16x).</summary>
    Recursive,

    /// <summary>One stage straight from the 4x base with k/4 subsampling and log2(k/4) new down/up blocks.</summary>
    FromBase,
}

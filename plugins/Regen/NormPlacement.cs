namespace VideoPipe.Plugins.Regen;

/// <summary>Where a DiT block's LayerNorms sit.</summary>
public enum NormPlacement
{
    /// <summary>x + LN(branch(x)), as the paper's figure draws it; branch LayerNorm gains start at 0.</summary>
    PostBranch,

    /// <summary>x + branch(LN(x)), the usual transformer; branch output projections start at 0.</summary>
    PreNorm,
}

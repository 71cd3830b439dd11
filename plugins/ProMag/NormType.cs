namespace VideoPipe.Plugins.ProMag;

/// <summary>The normalisation of every ProMAG block.</summary>
public enum NormType
{
    /// <summary>The paper's "custom norm": GroupNorm without mean subtraction, x / sqrt(mean(x²) + eps) per group.</summary>
    GroupRms,

    /// <summary>Plain GroupNorm (mean and variance), the MAGVIT-v2 original.</summary>
    Group,
}

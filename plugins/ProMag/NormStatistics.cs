namespace VideoPipe.Plugins.ProMag;

/// <summary>Over which positions a norm group's statistics are taken.</summary>
public enum NormStatistics
{
    /// <summary>Each frame on its own (channels of the group × H × W): the encoder stays causal, latents never see later frames.</summary>
    Frame,

    /// <summary>The whole clip (channels of the group × T × H × W), the spec's literal formula; later frames then reach earlier latents.</summary>
    Clip,
}

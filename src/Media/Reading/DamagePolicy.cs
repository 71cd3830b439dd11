namespace VideoPipe.Media;

/// <summary>What the reader does when the input turns out truncated or corrupt after some frames were decoded.</summary>
public enum DamagePolicy
{
    /// <summary>Deliver the frames decoded before the damage, then throw <see cref="VideoInputException"/>.</summary>
    Throw,

    /// <summary>Log a warning and deliver whatever ffmpeg still decodes (concealed frames included).</summary>
    Warn,
}

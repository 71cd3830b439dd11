namespace VideoPipe.Media;

/// <summary>What the reader does when the input turns out truncated or corrupt after some frames were decoded.</summary>
public enum DamagePolicy
{
    /// <summary>Deliver the frames decoded before the damage, then throw <see cref="VideoInputException"/>.</summary>
    Throw,

    /// <summary>Log a warning and deliver whatever ffmpeg still decodes (concealed frames included).</summary>
    Warn,

    /// <summary>
    /// Judge the input by what decodes, not by what ffmpeg prints: deliver every frame ffmpeg decodes; when it exits
    /// cleanly and the frames reach the end of the stream, the read is complete and the complaint is passed to
    /// <see cref="VideoReadOptions.OnWarning"/>; otherwise (no frame, a cut or short stream) throw as
    /// <see cref="Throw"/> does, naming how many frames decoded.
    /// </summary>
    JudgeByFrames,
}

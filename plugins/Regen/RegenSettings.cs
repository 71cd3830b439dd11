using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Regen;

/// <summary>The family-specific Settings keys of EncodeOptions / DecodeOptions.</summary>
public static class RegenSettings
{
    /// <summary>Decode: sampler steps (default: the config's sample_steps); 1 and up.</summary>
    public const string Steps = "steps";

    public static int StepsOrDefault(IReadOnlyDictionary<string, string> settings, int fallback) =>
        FamilySettings.Int(settings, RegenFamily.FamilyId, Steps) ?? fallback;

    /// <summary>Every key with what it does, as the card declares them.</summary>
    public static IReadOnlyDictionary<string, string> Declared { get; } = new Dictionary<string, string>
    {
        [Steps] = "decode: sampler steps (default: the config's sample_steps)",
    };
}

using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Regen;

/// <summary>The settings REGEN declares on its card; <see cref="RegenSettings"/> is what its code reads them into.</summary>
public static class RegenSettingKeys
{
    public static FamilySettings Schema { get; } = new(RegenFamily.FamilyId);

    public static IntSetting Steps { get; } = Schema.Int("steps", "decode: sampler steps (default: the config's sample_steps)");
}

using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Regen;

/// <summary>REGEN's encode/decode settings, typed (keys: <see cref="RegenSettingKeys"/>).</summary>
public sealed record RegenSettings
{
    public static readonly RegenSettings Defaults = new();

    /// <summary>Decode: sampler steps, 1 and up; null: the config's sample_steps.</summary>
    public int? Steps { get; init; }

    /// <summary>Reads and checks every key (an undeclared key or unreadable value throws, naming it).</summary>
    public static RegenSettings Read(IReadOnlyDictionary<string, string> settings)
    {
        RegenSettingKeys.Schema.Check(settings);
        return new RegenSettings { Steps = RegenSettingKeys.Steps.Read(settings) };
    }

    /// <summary>The settings dictionary that reads back as this record (defaults left out).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() => FamilySettings.Write(RegenSettingKeys.Steps.Entry(Steps));
}

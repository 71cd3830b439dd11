using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.IvVae;

/// <summary>
/// IV-VAE's encode/decode settings, typed (keys: <see cref="IvVaeSettingKeys"/>). Both only trade speed for memory;
/// results are identical.
/// </summary>
public sealed record IvVaeSettings
{
    public static readonly IvVaeSettings Defaults = new();

    /// <summary>Encode: 4-frame groups per encoder call.</summary>
    public int GroupsPerCall { get; init; } = IvVaeSettingKeys.DefaultGroupsPerCall;

    /// <summary>Decode: latent frames per decoder call.</summary>
    public int LatentsPerCall { get; init; } = IvVaeSettingKeys.DefaultLatentsPerCall;

    /// <summary>Reads and checks every key (an undeclared key or unreadable value throws, naming it).</summary>
    public static IvVaeSettings Read(IReadOnlyDictionary<string, string> settings)
    {
        IvVaeSettingKeys.Schema.Check(settings);
        return new IvVaeSettings
        {
            GroupsPerCall = IvVaeSettingKeys.GroupsPerCall.Read(settings) ?? Defaults.GroupsPerCall,
            LatentsPerCall = IvVaeSettingKeys.LatentsPerCall.Read(settings) ?? Defaults.LatentsPerCall,
        };
    }

    /// <summary>The settings dictionary that reads back as this record (defaults left out).</summary>
    public IReadOnlyDictionary<string, string> ToSettings() => FamilySettings.Write(
        IvVaeSettingKeys.GroupsPerCall.Entry(GroupsPerCall == Defaults.GroupsPerCall ? null : GroupsPerCall),
        IvVaeSettingKeys.LatentsPerCall.Entry(LatentsPerCall == Defaults.LatentsPerCall ? null : LatentsPerCall));
}

using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.IvVae;

/// <summary>The settings IV-VAE declares on its card; <see cref="IvVaeSettings"/> is what its code reads them into.</summary>
public static class IvVaeSettingKeys
{
    public const int DefaultGroupsPerCall = 4;
    public const int DefaultLatentsPerCall = 2;

    public static FamilySettings Schema { get; } = new(IvVaeFamily.FamilyId);

    public static IntSetting GroupsPerCall { get; } =
        Schema.Int("groups_per_call", $"encode: 4-frame groups per encoder call (default {DefaultGroupsPerCall})");

    public static IntSetting LatentsPerCall { get; } =
        Schema.Int("latents_per_call", $"decode: latent frames per decoder call (default {DefaultLatentsPerCall})");
}

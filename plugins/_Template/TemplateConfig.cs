using System.Text.Json;
using System.Text.Json.Serialization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;

namespace VideoPipe.Plugins.Template;

/// <summary>
/// The template family's model: a per-frame patch autoencoder (each P×P patch of a frame to a Gaussian latent cell
/// and back). Every architecture choice is a field (snake_case in JSON), validated with the key named.
/// </summary>
public sealed record TemplateConfig
{
    public string Variant { get; init; } = "patch8";

    public int PatchSize { get; init; } = 8;

    public int HiddenChannels { get; init; } = 64;

    public int LatentChannels { get; init; } = 4;

    public void Validate()
    {
        foreach (var (key, value) in new[] { ("patch_size", PatchSize), ("hidden_channels", HiddenChannels), ("latent_channels", LatentChannels) })
        {
            if (value <= 0)
            {
                throw new ArgumentException($"template config '{key}' must be positive, got {value}");
            }
        }
    }

    public string ToJson() => FamilyConfigJson.Write(this, TemplateConfigJsonContext.Default);

    public static TemplateConfig FromJson(JsonElement json)
    {
        var config = FamilyConfigJson.Read<TemplateConfig>(json, "template", TemplateConfigJsonContext.Default);
        config.Validate();
        return config;
    }

    [JsonIgnore]
    public int SpatialRatio => PatchSize;
}

using System.Text.Json.Serialization;

namespace VideoPipe.Plugins.ProMag;

/// <summary>Source-generated JSON metadata for <see cref="ProMagConfig"/>: kept in the plugin's own assembly so it unloads with it (FamilyConfigJson).</summary>
[JsonSerializable(typeof(ProMagConfig))]
internal sealed partial class ProMagConfigJsonContext : JsonSerializerContext;

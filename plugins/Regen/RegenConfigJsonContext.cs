using System.Text.Json.Serialization;

namespace VideoPipe.Plugins.Regen;

/// <summary>Source-generated JSON metadata for <see cref="RegenConfig"/>: kept in the plugin's own assembly so it unloads with it (FamilyConfigJson).</summary>
[JsonSerializable(typeof(RegenConfig))]
internal sealed partial class RegenConfigJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace VideoPipe.Plugins.Template;

/// <summary>Source-generated JSON metadata for <see cref="TemplateConfig"/>: kept in the plugin's own assembly so it unloads with it (FamilyConfigJson).</summary>
[JsonSerializable(typeof(TemplateConfig))]
internal sealed partial class TemplateConfigJsonContext : JsonSerializerContext;

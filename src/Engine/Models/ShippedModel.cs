namespace VideoPipe.Engine;

/// <summary>
/// A trained model that ships with VideoPipe (<c>models/&lt;name&gt;/</c>): its family, the preset that describes it,
/// and the weights and config files a tokenizer request loads.
/// </summary>
public sealed record ShippedModel(string Name, string Family, string Preset, string Directory, string WeightsPath, string ConfigPath);

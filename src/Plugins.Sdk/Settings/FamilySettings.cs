namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// The settings one family reads from <c>EncodeOptions.Settings</c> / <c>DecodeOptions.Settings</c>, declared once:
/// the card lists them (<see cref="Declared"/>), <see cref="Check"/> refuses any other key or an unreadable value
/// before work starts, and the family reads them into its own typed settings record through the keys. Strings are
/// only the transport (pipeline JSON, <c>--setting key=value</c>); a family's code sees typed values.
/// </summary>
public sealed class FamilySettings(string family)
{
    private readonly List<SettingKey> keys = [];

    public string Family { get; } = family;

    public IReadOnlyList<SettingKey> Keys => keys;

    /// <summary>Every key with what it does, for <c>TokenizerCard.Settings</c>.</summary>
    public IReadOnlyDictionary<string, string> Declared => keys.ToDictionary(k => k.Name, k => k.Description, StringComparer.Ordinal);

    public IntSetting Int(string name, string description, int minimum = 1, string? meaning = null) =>
        Add(new IntSetting(Family, name, description, minimum, meaning));

    public BoolSetting Bool(string name, string description) => Add(new BoolSetting(Family, name, description));

    public NumberSetting Number(string name, string description) => Add(new NumberSetting(Family, name, description));

    /// <summary>Throws <see cref="ArgumentException"/> for the first undeclared key or unreadable value (keys in ordinal order).</summary>
    public void Check(IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (name, text) in settings.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var key = keys.Find(k => k.Name == name) ?? throw new ArgumentException(keys.Count == 0
                ? $"{Family} takes no settings, got '{name}'"
                : $"{Family} has no setting '{name}' (its settings: {string.Join(", ", keys.Select(k => k.Name).Order(StringComparer.Ordinal))})");
            key.Check(text);
        }
    }

    /// <summary>A settings dictionary from typed entries (<see cref="SettingKey{T}.Entry"/>); null entries are left out.</summary>
    public static IReadOnlyDictionary<string, string> Write(params KeyValuePair<string, string>?[] entries) =>
        entries.OfType<KeyValuePair<string, string>>().ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private T Add<T>(T key)
        where T : SettingKey
    {
        if (keys.Any(k => k.Name == key.Name))
        {
            throw new InvalidOperationException($"{Family} declares setting '{key.Name}' twice");
        }

        keys.Add(key);
        return key;
    }
}

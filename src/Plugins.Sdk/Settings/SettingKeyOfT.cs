namespace VideoPipe.Plugins.Sdk;

/// <summary>A declared setting whose value is a <typeparamref name="T"/>.</summary>
public abstract class SettingKey<T> : SettingKey
    where T : struct
{
    private protected SettingKey(string family, string name, string description)
        : base(family, name, description)
    {
    }

    /// <summary>What a valid value looks like, for the error message ("a positive integer").</summary>
    protected abstract string Expected { get; }

    /// <summary>The key's value, or null when absent; throws when present but unreadable.</summary>
    public T? Read(IReadOnlyDictionary<string, string> settings) =>
        settings.TryGetValue(Name, out var text) ? Parse(text) : null;

    /// <summary>The text a settings dictionary holds for <paramref name="value"/> (invariant culture, round-trips).</summary>
    public abstract string Format(T value);

    /// <summary>The dictionary entry for <paramref name="value"/>, or none when it is null (the family's default applies).</summary>
    public KeyValuePair<string, string>? Entry(T? value) => value is { } v ? new(Name, Format(v)) : null;

    internal override void Check(string text) => Parse(text);

    private T Parse(string text) => TryParse(text, out var value)
        ? value
        : throw new ArgumentException($"{Family} setting '{Name}' must be {Expected}, got '{text}'");

    protected abstract bool TryParse(string text, out T value);
}

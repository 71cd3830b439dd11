namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// One key a family reads from <c>EncodeOptions.Settings</c> / <c>DecodeOptions.Settings</c>: its name, what it
/// does (shown on the card and by <c>videopipe plugins list</c>) and how its text is read. Declared through
/// <see cref="FamilySettings"/>, which owns the family's whole set.
/// </summary>
public abstract class SettingKey
{
    private protected SettingKey(string family, string name, string description)
    {
        Family = family;
        Name = name;
        Description = description;
    }

    public string Family { get; }

    public string Name { get; }

    public string Description { get; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the family and key when <paramref name="text"/> cannot be read.</summary>
    internal abstract void Check(string text);
}

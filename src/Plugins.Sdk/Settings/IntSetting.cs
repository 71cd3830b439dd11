using System.Globalization;

namespace VideoPipe.Plugins.Sdk;

/// <summary>An integer setting of at least <see cref="Minimum"/>.</summary>
public sealed class IntSetting : SettingKey<int>
{
    private readonly string? meaning;

    internal IntSetting(string family, string name, string description, int minimum, string? meaning)
        : base(family, name, description)
    {
        Minimum = minimum;
        this.meaning = meaning;
    }

    public int Minimum { get; }

    protected override string Expected => meaning ?? (Minimum == 1 ? "a positive integer" : $"an integer of at least {Minimum}");

    public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

    protected override bool TryParse(string text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= Minimum;
}

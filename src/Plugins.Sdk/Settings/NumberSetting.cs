using System.Globalization;

namespace VideoPipe.Plugins.Sdk;

/// <summary>A finite real-number setting.</summary>
public sealed class NumberSetting : SettingKey<double>
{
    internal NumberSetting(string family, string name, string description)
        : base(family, name, description)
    {
    }

    protected override string Expected => "a number";

    public override string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    protected override bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

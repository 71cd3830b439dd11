namespace VideoPipe.Plugins.Sdk;

/// <summary>A true/false setting.</summary>
public sealed class BoolSetting : SettingKey<bool>
{
    internal BoolSetting(string family, string name, string description)
        : base(family, name, description)
    {
    }

    protected override string Expected => "true or false";

    public override string Format(bool value) => value ? "true" : "false";

    protected override bool TryParse(string text, out bool value) => bool.TryParse(text, out value);
}

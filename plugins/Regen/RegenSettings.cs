using System.Globalization;

namespace VideoPipe.Plugins.Regen;

/// <summary>The family-specific Settings keys of EncodeOptions / DecodeOptions.</summary>
public static class RegenSettings
{
    /// <summary>Decode: sampler steps (default: the config's sample_steps); 1 and up.</summary>
    public const string Steps = "steps";

    public static int StepsOrDefault(IReadOnlyDictionary<string, string> settings, int fallback)
    {
        if (!settings.TryGetValue(Steps, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"setting '{Steps}' must be a positive integer, got '{text}'");
    }
}

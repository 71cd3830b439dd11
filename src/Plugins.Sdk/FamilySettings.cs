using System.Globalization;

namespace VideoPipe.Plugins.Sdk;

/// <summary>
/// Typed reads of a family's encode/decode settings (<c>EncodeOptions.Settings</c>, <c>DecodeOptions.Settings</c>):
/// one parsing rule and one message for every family, naming the family and the key. The keys a family accepts are
/// declared on its card (<c>TokenizerCard.Settings</c>), so a job refuses any other key before work starts.
/// </summary>
public static class FamilySettings
{
    /// <summary>The key's value as an integer of at least <paramref name="minimum"/>, or null when absent.</summary>
    public static int? Int(IReadOnlyDictionary<string, string> settings, string family, string key, int minimum = 1, string? meaning = null)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{family} setting '{key}' must be {meaning ?? (minimum == 1 ? "a positive integer" : $"an integer of at least {minimum}")}, got '{text}'");
    }

    /// <summary>The key's value as true or false, or null when absent.</summary>
    public static bool? Bool(IReadOnlyDictionary<string, string> settings, string family, string key)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return null;
        }

        return bool.TryParse(text, out var value) ? value : throw new ArgumentException($"{family} setting '{key}' must be true or false, got '{text}'");
    }

    /// <summary>The key's value as a finite number, or null when absent.</summary>
    public static double? Number(IReadOnlyDictionary<string, string> settings, string family, string key)
    {
        if (!settings.TryGetValue(key, out var text))
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{family} setting '{key}' must be a number, got '{text}'");
    }
}

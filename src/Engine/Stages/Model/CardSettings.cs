using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>The family-settings keys a tokenizer card declares (<see cref="TokenizerCard.Settings"/>), checked one way for every job.</summary>
public static class CardSettings
{
    /// <summary>One message per key the card does not declare (ordinal order), naming the keys it does.</summary>
    public static IEnumerable<string> Undeclared(TokenizerCard card, IEnumerable<string> keys)
    {
        var known = card.Settings.Count == 0 ? $"{card.Family} takes no settings" : $"known: {string.Join(", ", card.Settings.Keys.Order(StringComparer.Ordinal))}";
        return keys.Where(k => !card.Settings.ContainsKey(k)).Order(StringComparer.Ordinal)
            .Select(key => $"'{key}' is not a setting of {card.Family} {card.Variant}; {known}");
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the command-line option for the first undeclared key.</summary>
    public static void RequireDeclared(TokenizerCard card, IEnumerable<string> keys, string option)
    {
        if (Undeclared(card, keys).FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"{option} {problem}");
        }
    }
}

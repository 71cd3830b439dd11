using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Finds the family a command's <c>--tokenizer</c> names: a preset first, else a family id (its first preset).</summary>
public static class TokenizerLookup
{
    public static (ITokenizerFamily Family, string? Preset) Find(string name, IEnumerable<ITokenizerFamily> available)
    {
        var families = available.OrderBy(f => f.Family, StringComparer.Ordinal).ToList();
        foreach (var family in families)
        {
            if (family.Presets.Contains(name, StringComparer.Ordinal))
            {
                return (family, name);
            }
        }

        foreach (var family in families)
        {
            if (string.Equals(family.Family, name, StringComparison.Ordinal))
            {
                return (family, family.Presets.FirstOrDefault());
            }
        }

        var known = families.Select(f => $"{f.Family} (presets: {string.Join(", ", f.Presets)})");
        throw new ArgumentException($"no tokenizer family or preset named '{name}'; loaded: {(families.Count == 0 ? "none (check --plugins)" : string.Join("; ", known))}");
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Jobs;

/// <summary>
/// Whether latents were made by the tokenizer and weights about to decode them: family always, preset when the
/// command named one, family version, and the weights' identity. Each difference is reported once with how many
/// clips it concerns.
/// </summary>
public static class ProvenanceCheck
{
    /// <param name="card">The card of the named preset (null when a family id was named: its variant comes from --config).</param>
    public static IReadOnlyList<string> Differences(IReadOnlyList<LatentEntry> entries, string family, TokenizerCard? card, string weightsIdentity)
    {
        var differences = new List<string>();
        void Compare(string what, Func<LatentFileMetadata, string?> recorded, string expected)
        {
            foreach (var group in entries.GroupBy(e => recorded(e.Metadata) ?? "(not recorded)").Where(g => g.Key != expected).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                differences.Add($"{group.Count()} clip(s) (e.g. {group.First().Location}) were made with {what} {group.Key}, not {expected}");
            }
        }

        Compare("tokenizer family", m => m.TokenizerFamily, family);
        if (card is not null)
        {
            Compare("preset", m => m.TokenizerPreset, card.Variant);
            Compare("tokenizer version", m => m.TokenizerVersion, card.Version);
        }

        Compare("weights", m => m.WeightsSha256, weightsIdentity);
        return differences;
    }
}

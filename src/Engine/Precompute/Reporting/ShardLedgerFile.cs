using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipe.Precompute;

/// <summary>One shard's ledger file found in a dataset, with the state it adds up to.</summary>
public sealed partial record ShardLedgerFile(string Path, ShardSpec Shard, IReadOnlyList<LedgerRecord> Records, LedgerState State)
{
    public static IReadOnlyList<ShardLedgerFile> FindAll(string ledgerDirectory)
    {
        if (!Directory.Exists(ledgerDirectory))
        {
            return [];
        }

        var files = new List<ShardLedgerFile>();
        foreach (var path in Directory.EnumerateFiles(ledgerDirectory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var match = NamePattern().Match(System.IO.Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            var shard = new ShardSpec(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
            var records = LedgerReader.ReadFile(path);
            files.Add(new ShardLedgerFile(path, shard, records, LedgerState.From(records)));
        }

        return files;
    }

    [GeneratedRegex(@"^(\d{5})-of-(\d{5})\.jsonl$")]
    private static partial Regex NamePattern();
}

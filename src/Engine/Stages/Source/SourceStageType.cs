using Microsoft.Extensions.FileSystemGlobbing;
using VideoPipe.Abstractions;
using VideoPipe.Precompute;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// The work list: explicit files, a directory glob, or a manifest (JSONL/CSV with path and optional start, end, id);
/// or a dataset's <c>input</c> (a folder of videos, a glob or a manifest, listed without reading the files: the
/// dataset's clips get content ids when they are decoded). Order is stable (as listed; directory matches sorted
/// ordinally); sharding keeps every index % count == shard.
/// </summary>
public sealed class SourceStageType : IStageType
{
    public string Name => "source";

    public string Description => "Lists the clips to process (files, directory glob or manifest), optionally one shard of them.";

    public PortKind Input => PortKind.None;

    public PortKind Output => PortKind.Items;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("files", OptionKind.StringArray, "video files, relative to the pipeline file; \"-\" reads one from standard input"),
        new("directory", OptionKind.String, "folder to scan with 'pattern'"),
        new("pattern", OptionKind.String, "glob under 'directory' (default **/*.mp4)"),
        new("manifest", OptionKind.String, "a .jsonl or .csv manifest with path and optional start, end (seconds), id"),
        new("input", OptionKind.String, "a dataset's sources: a folder (every video under it), a glob, or a .jsonl/.csv manifest with a path field"),
        new("shardIndex", OptionKind.Integer, "this shard's index (0-based)") { Minimum = 0 },
        new("shardCount", OptionKind.Integer, "number of shards") { Minimum = 1 },
        new("limit", OptionKind.Integer, "process at most this many items (after sharding)") { Minimum = 1 },
    ];

    public void Validate(StageValidationContext context)
    {
        var options = new OptionReader(context.Options);
        var kinds = new[] { "files", "directory", "manifest", "input" }.Where(options.Has).ToList();
        if (kinds.Count != 1)
        {
            context.OptionError(null, $"a source needs exactly one of options.files, options.directory, options.manifest, options.input (has {(kinds.Count == 0 ? "none" : string.Join(" and ", kinds))})");
        }

        if (options.Has("files") && options.Strings("files").Count(StandardStreams.IsDash) > 1)
        {
            context.OptionError("files", "lists \"-\" (standard input) more than once; stdin can be read only once");
        }

        if (options.Has("pattern") && !options.Has("directory"))
        {
            context.OptionError("pattern", "only applies with options.directory");
        }

        if (options.Has("shardIndex") != options.Has("shardCount"))
        {
            context.OptionError(options.Has("shardIndex") ? "shardCount" : "shardIndex", "shardIndex and shardCount go together");
        }
        else if (options.Int("shardIndex") is { } index && options.Int("shardCount") is { } count && index >= count)
        {
            context.OptionError("shardIndex", $"must be below shardCount ({count}): 0..{count - 1}");
        }
    }

    public IStage Create(StageContext context) =>
        new SourceStage(new OptionReader(context.Options).Has("input") ? DatasetSources(context) : BuildWorkList(context));

    private static List<WorkItem> DatasetSources(StageContext context)
    {
        var options = new OptionReader(context.Options);
        var shardIndex = options.Int("shardIndex", 0);
        var shardCount = options.Int("shardCount", 1);
        var sources = SourceListReader.Read(context.ResolvePath(options.String("input")!)).Where(s => s.Position % shardCount == shardIndex);
        var limit = options.Int("limit") ?? int.MaxValue;
        return sources.Take(limit).Select(s => new WorkItem
        {
            Id = ItemId.ForUnreadSource(s.Key),
            SourcePath = s.FullPath,
            SourceKey = s.Key,
            Index = (int)s.Position,
        }).ToList();
    }

    private static List<WorkItem> BuildWorkList(StageContext context)
    {
        var options = new OptionReader(context.Options);
        List<WorkListEntry> entries;
        if (options.Has("manifest"))
        {
            entries = ManifestReader.Read(context.ResolvePath(options.String("manifest")!));
        }
        else if (options.Has("directory"))
        {
            var root = context.ResolvePath(options.String("directory")!);
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(options.String("pattern", "**/*.mp4"));
            entries = matcher.GetResultsInFullPath(root).Order(StringComparer.Ordinal)
                .Select(p => new WorkListEntry(p, null, null, null) { Key = Path.GetRelativePath(root, p).Replace('\\', '/') }).ToList();
        }
        else
        {
            entries = options.Strings("files").Select(f => StandardStreams.IsDash(f)
                ? new WorkListEntry(f, null, null, StandardStreams.StdinName)
                : new WorkListEntry(context.ResolvePath(f), null, null, null) { Key = f }).ToList();
        }

        var shardIndex = options.Int("shardIndex", 0);
        var shardCount = options.Int("shardCount", 1);
        var items = new List<WorkItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Items past the limit are not hashed: reading their content for an id nobody uses would only cost time.
        var limit = options.Int("limit") ?? int.MaxValue;
        for (var i = 0; i < entries.Count && items.Count < limit; i++)
        {
            if (i % shardCount != shardIndex)
            {
                continue;
            }

            var entry = entries[i];
            var content = !StandardStreams.IsDash(entry.Path) && File.Exists(entry.Path) ? ContentHasher.Sha256(entry.Path) : null;
            var id = entry.Id is { } given ? ItemId.Sanitize(given) : ItemId.ForSeconds(entry.Key, content ?? ItemId.UnreadableContent, entry.Start, entry.End);
            if (!seen.Add(id))
            {
                throw new InvalidDataException($"item id '{id}' appears twice in the work list (entry {i}: {entry.Path})");
            }

            items.Add(new WorkItem { Id = id, SourcePath = entry.Path, ContentSha256 = content, StartSeconds = entry.Start, EndSeconds = entry.End, Index = i });
        }

        return items;
    }
}

internal sealed class SourceStage(IReadOnlyList<WorkItem> items) : ICountedSource
{
    public int? TotalItems => items.Count;

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.EmitAsync(new StageMessage(item, item, EndOfItem: true), cancellationToken);
        }
    }
}

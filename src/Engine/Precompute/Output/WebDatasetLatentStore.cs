using System.Formats.Tar;
using System.Text;
using System.Text.RegularExpressions;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// WebDataset tar archives of about <see cref="PrecomputeOptions.ArchiveTargetBytes"/>, members
/// <c>&lt;id&gt;.latent.safetensors</c> and <c>&lt;id&gt;.json</c> in work-list order. An archive is built in the
/// shard's staging folder and renamed into wds/&lt;fp&gt;/ once closed and flushed; only then are its items done.
/// Entries carry fixed owners, modes and times so equal content gives equal archives.
/// </summary>
public sealed class WebDatasetLatentStore : ILatentStore
{
    private static readonly DateTimeOffset EntryTime = DateTimeOffset.UnixEpoch;
    private readonly DatasetLayout layout;
    private readonly ShardSpec shard;
    private readonly LedgerState prior;
    private readonly long targetBytes;
    private readonly string staging;
    private readonly List<string> openItems = [];
    private FileStream? archiveStream;
    private TarWriter? writer;
    private string? openArchivePath;
    private int nextSequence;

    public WebDatasetLatentStore(DatasetLayout layout, ShardSpec shard, LedgerState prior, long targetBytes)
    {
        this.layout = layout;
        this.shard = shard;
        this.prior = prior;
        this.targetBytes = targetBytes;
        staging = layout.StagingDirectory(shard);
    }

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        StagingFolder.Reset(staging);
        Directory.CreateDirectory(layout.ArchivesDirectory);
        var recorded = prior.Done.Values.Select(r => r.Output).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var pattern = new Regex("^" + Regex.Escape(shard.Name) + @"-(\d{6})\.tar$");
        foreach (var path in Directory.EnumerateFiles(layout.ArchivesDirectory, shard.Name + "-*.tar"))
        {
            if (pattern.Match(Path.GetFileName(path)) is not { Success: true } match)
            {
                continue;
            }

            // An archive renamed into place whose items never reached the ledger (killed in between): its items
            // are redone, so it has to go or they would be in the dataset twice.
            if (!recorded.Contains(layout.Relative(path)))
            {
                File.Delete(path);
                continue;
            }

            nextSequence = Math.Max(nextSequence, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1);
        }

        return Task.CompletedTask;
    }

    public bool IsComplete(string itemId) =>
        prior.Done.TryGetValue(itemId, out var record) && record.Output is { } output && record.Bytes is { } bytes
        && output.EndsWith(".tar", StringComparison.Ordinal) && new FileInfo(layout.Absolute(output)) is { Exists: true } file && file.Length == bytes;

    public async Task<IReadOnlyList<StoredItem>> AddAsync(ClipEncoded clip, CancellationToken cancellationToken)
    {
        var id = clip.Clip.ItemId;
        var latentFile = Path.Combine(staging, id + ".latent.safetensors");
        LatentFile.Save(latentFile, [clip.Latent], clip.Metadata);
        var writer = OpenArchive();
        await using (var latent = new FileStream(latentFile, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous))
        {
            await writer.WriteEntryAsync(Entry(id + ".latent.safetensors", latent), cancellationToken);
        }

        File.Delete(latentFile);
        var json = Encoding.UTF8.GetBytes(CanonicalJson.Serialize(clip.Metadata.ToJson()));
        await writer.WriteEntryAsync(Entry(id + ".json", new MemoryStream(json)), cancellationToken);
        openItems.Add(id);
        return archiveStream!.Length >= targetBytes ? await CloseArchiveAsync(cancellationToken) : [];
    }

    public Task<IReadOnlyList<StoredItem>> FlushAsync(CancellationToken cancellationToken) => CloseArchiveAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // An archive still open here was abandoned (stop or fault): its items are not done, the next run redoes them.
        if (writer is not null)
        {
            await writer.DisposeAsync();
        }

        if (archiveStream is not null)
        {
            await archiveStream.DisposeAsync();
        }
    }

    private static UstarTarEntry Entry(string name, Stream data) => new(TarEntryType.RegularFile, name)
    {
        DataStream = data,
        ModificationTime = EntryTime,
        Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        Uid = 0,
        Gid = 0,
    };

    private TarWriter OpenArchive()
    {
        if (writer is not null)
        {
            return writer;
        }

        openArchivePath = Path.Combine(staging, $"{shard.Name}-{nextSequence:D6}.tar");
        archiveStream = new FileStream(openArchivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
        writer = new TarWriter(archiveStream, TarEntryFormat.Ustar, leaveOpen: true);
        return writer;
    }

    private async Task<IReadOnlyList<StoredItem>> CloseArchiveAsync(CancellationToken cancellationToken)
    {
        if (writer is null || archiveStream is null || openArchivePath is null)
        {
            return [];
        }

        await writer.DisposeAsync();
        writer = null;
        await archiveStream.FlushAsync(cancellationToken);
        archiveStream.Flush(flushToDisk: true);
        var bytes = archiveStream.Length;
        await archiveStream.DisposeAsync();
        archiveStream = null;

        var final = layout.Archive(shard, nextSequence);
        File.Move(openArchivePath, final, overwrite: true);
        nextSequence++;
        openArchivePath = null;
        var relative = layout.Relative(final);
        var stored = openItems.Select(id => new StoredItem(id, relative, bytes)).ToList();
        openItems.Clear();
        return stored;
    }
}

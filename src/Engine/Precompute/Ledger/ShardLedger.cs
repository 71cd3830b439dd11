using System.Text;
using System.Text.Json;

namespace VideoPipe.Precompute;

/// <summary>
/// The append-only JSONL ledger of one shard. Every append is written and flushed to disk before it returns, so
/// a record that exists describes something durable. A kill can tear the last line; readers skip it and the next
/// run starts on a fresh line.
/// </summary>
public sealed class ShardLedger : IAsyncDisposable
{
    private readonly FileStream stream;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly TimeProvider clock;

    private ShardLedger(string path, FileStream stream, TimeProvider clock)
    {
        Path = path;
        this.stream = stream;
        this.clock = clock;
    }

    public string Path { get; }

    public static async Task<ShardLedger> OpenAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        try
        {
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                var last = new byte[1];
                await stream.ReadExactlyAsync(last, cancellationToken);
                if (last[0] != (byte)'\n')
                {
                    await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
                }
            }

            stream.Seek(0, SeekOrigin.End);
            return new ShardLedger(path, stream, clock);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public Task AppendAsync(LedgerRecord record, CancellationToken cancellationToken) => AppendAsync([record], cancellationToken);

    public async Task AppendAsync(IReadOnlyList<LedgerRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var text = new StringBuilder();
        foreach (var record in records)
        {
            var stamped = record.Time == default ? record with { Time = now } : record;
            text.Append(JsonSerializer.Serialize(stamped, LedgerJson.Options)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Once the bytes are handed over they must reach the disk, or a later record could overtake them.
            await stream.WriteAsync(bytes, CancellationToken.None);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            await stream.DisposeAsync();
        }
        finally
        {
            gate.Release();
            gate.Dispose();
        }
    }
}

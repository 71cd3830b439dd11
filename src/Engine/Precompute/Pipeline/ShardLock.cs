using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// An exclusive lock file held while a shard runs, so a shard started twice (a requeue racing a still-running
/// task) does not interleave ledgers. The OS drops the lock when the process dies, even by kill -9.
/// </summary>
internal sealed class ShardLock : IDisposable
{
    private readonly FileStream stream;

    private ShardLock(FileStream stream) => this.stream = stream;

    public static ShardLock Acquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            return new ShardLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException ex)
        {
            throw new SystemicFaultException($"another process is running this shard ({path} is locked)", ex);
        }
    }

    public void Dispose() => stream.Dispose();
}

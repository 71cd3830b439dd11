using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Streaming;

/// <summary>
/// Streaming encode. Push accepts any number of frames: frame 0 is encoded as soon as it arrives, later frames
/// once a 4-frame group is complete (up to 3 frames wait in a buffer). Complete rejects a tail that is not a
/// whole group. The concatenated outputs equal the whole-clip encode exactly.
/// </summary>
internal sealed class IvVaeEncodeSession : IEncodeSession
{
    private readonly EncoderStream stream;
    private readonly LatentFormatter formatter;

    public IvVaeEncodeSession(EncoderStream stream, LatentFormatter formatter)
    {
        this.stream = stream;
        this.formatter = formatter;
    }

    public Tensor? Push(Tensor frames)
    {
        using var posterior = stream.Push(frames);
        return posterior is null ? null : formatter.Format(posterior);
    }

    public Tensor? Complete()
    {
        stream.Complete();
        return null;
    }

    public void Dispose()
    {
        stream.Dispose();
        formatter.Dispose();
    }
}

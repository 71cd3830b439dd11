using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// Cuts a whole-video clip into the consecutive chunks an exact streaming encode session takes, holding at most one
/// chunk of frames: the first chunk has a count the frame rule accepts, every later one a multiple of its step, so
/// everything pushed always follows the rule; at the end only the frames the rule admits are pushed (the same
/// frames a whole-clip encode would get). Every frame's index and time is kept for the clip's metadata.
/// </summary>
internal sealed class WholeVideoChunker(FrameRule rule, SourceFraming framing, int chunkLatents = WholeVideoChunker.DefaultChunkLatents) : IDisposable
{
    /// <summary>Latent frames per chunk: 29 frames first, then 32 at a time for the 1+4k rule.</summary>
    public const int DefaultChunkLatents = 8;

    private readonly List<Tensor> held = [];
    private readonly List<long> indices = [];
    private readonly List<double> pts = [];

    public long FramesSeen { get; private set; }

    /// <summary>Frames already cut into chunks.</summary>
    public int FramesChunked { get; private set; }

    /// <summary>How the clip is cut, as the latent metadata records it (e.g. "29+32k" frames).</summary>
    public string Plan => $"{rule.FramesFor(chunkLatents)}+{rule.Step * chunkLatents}k";

    private int NextChunkFrames => FramesChunked == 0 ? (int)rule.FramesFor(chunkLatents) : rule.Step * chunkLatents;

    public void Add(VideoFrame frame)
    {
        held.Add(ClipTensor.Pixels(frame, framing));
        FramesSeen = frame.Index + 1;
        indices.Add(frame.Index);
        pts.Add(frame.Pts.TotalSeconds);
    }

    /// <summary>The next full chunk [1, 3, t, H, W] in [-1, 1] when enough frames are held (the caller owns it), else null.</summary>
    public Tensor? TakeChunk() => held.Count >= NextChunkFrames ? Cut(NextChunkFrames) : null;

    /// <summary>After the last frame: the held frames the rule still admits as one chunk, or null when none.</summary>
    public Tensor? TakeTail()
    {
        var left = (int)(rule.RoundDown(FramesSeen) - FramesChunked);
        return left > 0 ? Cut(left) : null;
    }

    /// <summary>The clip the chunks make up: every frame pushed, from the source's first.</summary>
    public ClipWindow Window => new(0, 0, FramesChunked);

    public IReadOnlyList<long> FrameIndices => indices.Take(FramesChunked).ToList();

    public IReadOnlyList<double> FramePts => pts.Take(FramesChunked).ToList();

    public void Dispose()
    {
        foreach (var frame in held)
        {
            frame.Dispose();
        }

        held.Clear();
    }

    private Tensor Cut(int count)
    {
        var taken = held.GetRange(0, count);
        held.RemoveRange(0, count);
        FramesChunked += count;
        return ClipTensor.FromFrames(taken, () =>
        {
            foreach (var frame in taken)
            {
                frame.Dispose();
            }
        });
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// One item's streaming session in a streaming encode or decode stage: puts arriving tiles back in
/// <see cref="TileGeometry.TileIndex"/> order (holding views until their turn) and gives every chunk the session
/// returns a geometry in clip frames. Padding only ever sits at the end of the last tile, so a returned chunk's
/// real frames are those below the real frames pushed so far.
/// </summary>
internal sealed class StreamingItem<TSession>(TSession session) : IDisposable
    where TSession : IDisposable
{
    private readonly Dictionary<int, (Tensor Data, TileGeometry Geometry)> waiting = [];
    private int nextIn;
    private long realFramesIn;
    private long framesOut;
    private long latentsOut;
    private int chunksOut;

    public TSession Session { get; } = session;

    /// <summary>Keeps <paramref name="view"/> (a view of the incoming payload, which the host disposes) until its turn.</summary>
    public void Add(Tensor view, TileGeometry geometry)
    {
        if (geometry.TileIndex < nextIn || !waiting.TryAdd(geometry.TileIndex, (view, geometry)))
        {
            view.Dispose();
            throw new InvalidOperationException($"tile {geometry.TileIndex} arrived twice");
        }
    }

    /// <summary>The next tile in order, when it has arrived; the caller disposes the tensor.</summary>
    public bool TryTakeNext(out Tensor data, out TileGeometry geometry)
    {
        if (!waiting.Remove(nextIn, out var next))
        {
            data = null!;
            geometry = null!;
            return false;
        }

        nextIn++;
        realFramesIn += next.Geometry.ValidFrames;
        (data, geometry) = next;
        return true;
    }

    /// <summary>Geometry for a returned chunk of <paramref name="frames"/> video frames.</summary>
    public TileGeometry EmitFrames(int frames, bool last, double fps)
    {
        var geometry = new TileGeometry
        {
            TileIndex = chunksOut++,
            IsLastTile = last,
            FirstFrame = framesOut,
            Frames = frames,
            ValidFrames = (int)Math.Clamp(realFramesIn - framesOut, 0, frames),
            OverlapFrames = 0,
            Fps = fps,
        };
        framesOut += frames;
        return geometry;
    }

    /// <summary>Geometry for a returned chunk of <paramref name="latents"/> latent frames (the first latent stands for rule.First frames, each later one for rule.Step).</summary>
    public TileGeometry EmitLatents(int latents, FrameRule rule, bool last, double fps)
    {
        var before = latentsOut == 0 ? 0 : rule.FramesFor(latentsOut);
        latentsOut += latents;
        return EmitFrames((int)(rule.FramesFor(latentsOut) - before), last, fps);
    }

    /// <summary>The session's output for the last tile: what its push returned followed by what Complete() flushes.</summary>
    public static Tensor? Join(Tensor? pushed, Tensor? flushed) =>
        pushed is null ? flushed : flushed is null ? pushed : Tensor.Cat([pushed, flushed], 2);

    public void Dispose()
    {
        foreach (var (data, _) in waiting.Values)
        {
            data.Dispose();
        }

        waiting.Clear();
        Session.Dispose();
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Buffers one clip's frames and cuts tiles starting every <c>tile - overlap</c> frames. A tile is released once a
/// frame beyond it proves it is not the last, or at the end of the clip; the tail tile is padded with its last
/// frame to the frame rule. Keeps at most one tile plus one block of frames.
/// <para>
/// <paramref name="causal"/> cuts consecutive chunks for an exact streaming session instead: no overlap, tile 0
/// has <c>tileFrames</c> frames and every later tile <c>tileFrames - rule.First</c> (a multiple of rule.Step), so
/// the concatenation follows the rule; a tail is padded to the rule (tile 0) or to a multiple of Step (later).
/// </para>
/// </summary>
internal sealed class TileCutter(FrameRule rule, int tileFrames, int overlapFrames, double fps, bool causal = false) : IDisposable
{
    private readonly List<Tensor> pieces = [];
    private long bufferStart;
    private long bufferEnd;
    private long nextTileStart;
    private int nextTileIndex;
    private bool finished;

    public void Append(FrameBlock block)
    {
        if (block.FirstFrame != bufferEnd)
        {
            throw new InvalidOperationException($"frames arrived out of order: expected frame {bufferEnd}, got {block.FirstFrame}");
        }

        pieces.Add(block.Frames.Narrow(0, 0, block.Count));
        bufferEnd += block.Count;
    }

    /// <summary>Tiles now known complete, as uint8 [T, H, W, 3] tensors the caller disposes.</summary>
    public IEnumerable<(Tensor Frames, TileGeometry Geometry)> TakeReady(bool final)
    {
        var ready = new List<(Tensor, TileGeometry)>();
        if (finished)
        {
            return ready;
        }

        if (tileFrames == 0)
        {
            if (final && bufferEnd > 0)
            {
                ready.Add(Cut(0, (int)bufferEnd, last: true));
            }
        }
        else
        {
            while (bufferEnd > nextTileStart + TileLength || (final && bufferEnd > nextTileStart))
            {
                var length = TileLength;
                var last = bufferEnd <= nextTileStart + length;
                var valid = (int)Math.Min(length, bufferEnd - nextTileStart);
                ready.Add(Cut(nextTileStart, valid, last));
                if (last)
                {
                    break;
                }

                nextTileStart += causal ? length : tileFrames - overlapFrames;
            }

            Trim(nextTileStart);
        }

        finished |= final;
        return ready;
    }

    /// <summary>Frames in the next tile (causal tiles after the first leave out the rule's first frame).</summary>
    private int TileLength => causal && nextTileIndex > 0 ? tileFrames - rule.First : tileFrames;

    /// <summary>The count a tail of <paramref name="valid"/> frames is padded to.</summary>
    private int PaddedLength(int valid) =>
        causal && nextTileIndex > 0 ? (valid + rule.Step - 1) / rule.Step * rule.Step : (int)rule.RoundUp(valid);

    private (Tensor, TileGeometry) Cut(long start, int valid, bool last)
    {
        var padded = PaddedLength(valid);
        using var scope = DisposeScope.Enter();
        var parts = new List<Tensor>();
        var offset = bufferStart;
        foreach (var piece in pieces)
        {
            var count = piece.Size(0);
            var from = Math.Max(start, offset);
            var to = Math.Min(start + valid, offset + count);
            if (to > from)
            {
                parts.Add(piece.Narrow(0, from - offset, to - from));
            }

            offset += count;
        }

        var frames = parts.Count == 1 ? parts[0].Contiguous() : Tensor.Cat(parts, 0);
        if (padded > valid)
        {
            var lastFrame = frames.Narrow(0, valid - 1, 1);
            frames = Tensor.Cat([frames, lastFrame.Expand(padded - valid, -1, -1, -1)], 0);
        }

        var geometry = new TileGeometry
        {
            TileIndex = nextTileIndex++,
            IsLastTile = last,
            FirstFrame = start,
            Frames = padded,
            ValidFrames = valid,
            OverlapFrames = tileFrames == 0 || causal ? 0 : overlapFrames,
            Fps = fps,
        };
        return (scope.Keep(frames), geometry);
    }

    /// <summary>Drops whole pieces that end before <paramref name="keepFrom"/>.</summary>
    private void Trim(long keepFrom)
    {
        while (pieces.Count > 0 && bufferStart + pieces[0].Size(0) <= keepFrom)
        {
            bufferStart += pieces[0].Size(0);
            pieces[0].Dispose();
            pieces.RemoveAt(0);
        }
    }

    public void Dispose()
    {
        foreach (var piece in pieces)
        {
            piece.Dispose();
        }

        pieces.Clear();
    }
}

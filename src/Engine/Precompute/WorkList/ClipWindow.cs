namespace VideoPipe.Precompute;

/// <summary>The <see cref="Index"/>-th clip of a source: sampled frames [Start, Start + Frames).</summary>
public readonly record struct ClipWindow(int Index, long Start, int Frames)
{
    public long End => Start + Frames;
}

using VideoPipe.Torch;

namespace VideoPipe.Plugins.OdVae.Model;

/// <summary>Moves between video layout [B, C, T, H, W] and a batch of frames [B*T, C, H, W].</summary>
public static class VideoLayout
{
    public static Tensor ToFrames(Tensor video)
    {
        var s = video.Shape;
        using var moved = video.Permute(0, 2, 1, 3, 4);
        return moved.Reshape(s[0] * s[2], s[1], s[3], s[4]);
    }

    public static Tensor FromFrames(Tensor frames, long batch)
    {
        var s = frames.Shape;
        using var split = frames.View(batch, s[0] / batch, s[1], s[2], s[3]);
        using var moved = split.Permute(0, 2, 1, 3, 4);
        return moved.Contiguous();
    }
}

using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>Reads a video's first frames into one uint8 [T, H, W, 3] tensor (for short clips: scoring, baselines).</summary>
public static class ClipFrames
{
    public static async Task<Tensor> ReadAsync(string video, VideoReadOptions options, CancellationToken cancellationToken)
    {
        var parts = new List<Tensor>();
        try
        {
            await foreach (var block in new VideoReader().ReadAsync(video, options, cancellationToken))
            {
                using (block)
                {
                    parts.Add(ReferenceFrames.ToTensor(block));
                }
            }

            return parts.Count switch
            {
                0 => throw new InvalidDataException($"{video}: no frame decoded"),
                1 => parts[0].Clone(),
                _ => Tensor.Cat(parts, 0),
            };
        }
        finally
        {
            parts.ForEach(p => p.Dispose());
        }
    }
}

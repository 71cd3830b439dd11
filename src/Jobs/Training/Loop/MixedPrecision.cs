using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// train.json's <c>autocast</c>: the family's training forward runs under bfloat16 autocast (convolutions and matrix
/// products in bfloat16, weights float32), and its outputs come back as float32, so the losses, the backward's
/// start and the optimizer stay in float32 as with torch.autocast.
/// </summary>
internal static class MixedPrecision
{
    public static TrainingForward Forward(string? autocast, Func<TrainingForward> forward)
    {
        if (autocast is null)
        {
            return forward();
        }

        TrainingForward low;
        using (Autocast.Enable(DType.BFloat16))
        {
            low = forward();
        }

        using (low)
        {
            return new TrainingForward
            {
                Reconstruction = low.Reconstruction?.To(DType.Float32),
                PosteriorMean = low.PosteriorMean?.To(DType.Float32),
                PosteriorLogVar = low.PosteriorLogVar?.To(DType.Float32),
                FamilyLosses = low.FamilyLosses.ToDictionary(l => l.Key, l => l.Value.To(DType.Float32), StringComparer.Ordinal),
            };
        }
    }
}

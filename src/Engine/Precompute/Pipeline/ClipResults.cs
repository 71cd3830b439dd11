using VideoPipe.Torch;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>An encoded clip: latent [C, t, h, w] on the CPU in the output dtype, with its metadata.</summary>
public sealed record ClipEncoded(ClipDescriptor Clip, Tensor Latent, LatentFileMetadata Metadata, int Attempts, double Seconds) : SourceMessage(Clip.Source), IDisposable
{
    public void Dispose() => Latent.Dispose();
}

/// <summary>A clip given up after its attempts.</summary>
public sealed record ClipQuarantined(ClipDescriptor Clip, string Reason, int Attempts) : SourceMessage(Clip.Source);

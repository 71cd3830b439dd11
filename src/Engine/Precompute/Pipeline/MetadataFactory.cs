using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>Builds the metadata a latent file carries from its clip, the run's settings and the latent itself.</summary>
internal sealed class MetadataFactory(RunConfiguration configuration)
{
    public LatentFileMetadata Create(ClipDescriptor clip, Tensor latent, ulong? seed)
    {
        var options = configuration.Options;
        var card = configuration.Card;
        var sampledFps = Finite(clip.SampledFps);
        return new LatentFileMetadata
        {
            ItemId = clip.ItemId,
            SourcePath = clip.Source.Key,
            SourceSha256 = clip.Facts.Sha256,
            SourceBytes = clip.Facts.Bytes,
            ClipIndex = clip.Window.Index,
            ClipStart = clip.Window.Start,
            ClipFrames = clip.Window.Frames,
            FrameIndices = clip.FrameIndices,
            FramePts = clip.FramePts,
            SourceFps = Finite(clip.SourceFps),
            SampledFps = sampledFps,
            OriginalSize = clip.Framing.OriginalSize,
            ResizedSize = clip.Framing.Geometry.Scaled,
            Crop = options.Crop.ToString().ToLowerInvariant(),
            CropBox = clip.Framing.Geometry.CropBox,
            ProcessedSize = clip.Framing.Geometry.Output,
            TokenizerFamily = card.Family,
            TokenizerPreset = card.Variant,
            TokenizerVersion = card.Version,
            WeightsSha256 = configuration.WeightsIdentity,
            ModelDType = options.ModelDType.TorchName(),
            LatentShape = latent.Shape,
            LatentDType = latent.DType.TorchName(),
            ScalingScale = card.Scaling.Scale,
            ScalingShift = card.Scaling.Shift,
            ScalingApplied = options.Scaled,
            Posterior = options.Posterior,
            Seed = options.Posterior == PosteriorMode.Sample ? seed : null,
            Tiling = RunConfiguration.TilingSettings(card, options),
            Tiles = [LatentFile.WholeClipTile(clip.Window.Frames, sampledFps)],
            ConfigFingerprint = configuration.Fingerprint,
            Attributes = Attributes(clip),
            ProgramVersion = ProgramVersion.Current,
        };
    }

    private static Dictionary<string, string> Attributes(ClipDescriptor clip)
    {
        var attributes = new Dictionary<string, string>();
        if (clip.Bucket is { } bucket)
        {
            attributes["bucket"] = bucket;
        }

        if (clip.StreamedChunks is { } chunks)
        {
            attributes["streamed_chunks"] = chunks;
        }

        return attributes;
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;
}

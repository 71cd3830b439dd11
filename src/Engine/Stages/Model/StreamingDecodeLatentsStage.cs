using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// decode-latents with <c>streaming: true</c>: one decode session per item (opened with the first latent's
/// provenance), latents pushed in order, Complete() after the last; every chunk of frames the session returns
/// goes out with a geometry in clip frames, its padded tail marked so stitching crops it.
/// </summary>
internal sealed class StreamingDecodeLatentsStage(IStreamingTokenizer tokenizer, DecodeOptions options, IDeviceContext deviceContext, DType dtype)
    : StreamingSessionStage(tokenizer, deviceContext, dtype)
{
    protected override string OutputName => "frames";

    protected override (Tensor Chunk, TileGeometry Geometry) Unpack(StageMessage message)
    {
        var latent = (LatentTile)message.Payload;
        DecodeLatentsStage.CheckFamily(latent, tokenizer.Card);
        return (latent.Latents, latent.Geometry);
    }

    protected override IStreamSession Open(StageMessage message)
    {
        var latent = (LatentTile)message.Payload;
        return tokenizer.BeginDecode(options with { Scaled = latent.Provenance.ScalingApplied });
    }

    protected override (object Payload, int Sequence) Pack(StreamingItem<IStreamSession> item, Tensor output, bool last, double fps)
    {
        var geometry = item.EmitFrames((int)output.Size(2), last, fps);
        return (new TemporalTile(output, geometry), geometry.TileIndex);
    }
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// encode with <c>streaming: true</c>: one encode session per item, tiles pushed in order, Complete() after the
/// last; every chunk of latents the session returns goes out with a geometry in clip frames.
/// </summary>
internal sealed class StreamingEncodeStage(IStreamingTokenizer tokenizer, EncodeOptions options, IDeviceContext deviceContext, DType dtype)
    : StreamingSessionStage(tokenizer, deviceContext, dtype)
{
    private readonly LatentProvenance provenance = EncodeStageType.ProvenanceFor(tokenizer, options);

    protected override string OutputName => "latents";

    protected override (Tensor Chunk, TileGeometry Geometry) Unpack(StageMessage message)
    {
        var tile = (TemporalTile)message.Payload;
        return (tile.Video, tile.Geometry);
    }

    protected override IStreamSession Open(StageMessage message) => tokenizer.BeginEncode(options);

    protected override (object Payload, int Sequence) Pack(StreamingItem<IStreamSession> item, Tensor output, bool last, double fps)
    {
        var geometry = item.EmitLatents((int)output.Size(2), tokenizer.Card.FrameRule, last, fps);
        return (new LatentTile(output, geometry, provenance), geometry.TileIndex);
    }
}

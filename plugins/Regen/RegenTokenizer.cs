using VideoPipe.Abstractions;
using VideoPipe.Plugins.Regen.Model;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Plugins.Regen.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen;

/// <summary>
/// REGEN as a tokenizer: encode returns one content latent and one motion latent per k frames (see
/// <see cref="ChunkEncoder"/>), decode samples each chunk of frames from seeded noise (see <see cref="SegmentDecoder"/>).
/// Whole-clip calls run the same chunk loop as the sessions, so streamed and whole results are identical.
/// Outputs are float32 whatever the compute dtype.
/// </summary>
public sealed partial class RegenTokenizer : IStreamingTokenizer, ITrainableTokenizer
{
    private readonly IDeviceContext deviceContext;

    public RegenTokenizer(RegenModel model, IDeviceContext deviceContext, DType dtype)
    {
        Model = model;
        this.deviceContext = deviceContext;
        DType = dtype;
        Card = RegenCard.For(model.Config);
    }

    public TokenizerCard Card { get; }

    public Device Device => deviceContext.Device;

    public DType DType { get; }

    public RegenModel Model { get; }

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => RegenSettings.Read(settings);

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        CheckVideo(video);
        CheckSettings(options.Settings);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var encoder = new ChunkEncoder(Model, options);
        var padded = ClipPadding.ToRule(video.To(DType, Device), Card.FrameRule);
        return scope.Keep(encoder.Whole(padded));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        CheckLatents(latents);
        using var enter = deviceContext.Enter();
        using var scope = DisposeScope.Enter();
        using var decoder = NewDecoder(options);
        decoder.Start(latents.Narrow(2, 0, 1));
        if (latents.Size(2) == 1)
        {
            return scope.Keep(decoder.Image());
        }

        var chunks = new List<Tensor>();
        for (long n = 1; n < latents.Size(2); n++)
        {
            chunks.Add(decoder.Next(latents.Narrow(2, n, 1)));
        }

        return scope.Keep(chunks.Count == 1 ? chunks[0] : Tensor.Cat(chunks, 2));
    }

    public IEncodeSession BeginEncode(EncodeOptions options)
    {
        CheckSettings(options.Settings);
        return new RegenEncodeSession(this, new ChunkEncoder(Model, options));
    }

    public IDecodeSession BeginDecode(DecodeOptions options) => new RegenDecodeSession(this, NewDecoder(options));

    internal SegmentDecoder NewDecoder(DecodeOptions options)
    {
        var seed = options.Seed ?? (Card.GenerativeDecode
            ? throw new ArgumentException("REGEN decode is generative: DecodeOptions.Seed is required (it seeds the starting noise and is recorded)")
            : 0UL);
        return new SegmentDecoder(Model, DType, seed, RegenSettings.Read(options.Settings).Steps ?? Model.Config.SampleSteps);
    }

    internal IDisposable EnterDevice() => deviceContext.Enter();

    internal static void CheckVideo(Tensor video)
    {
        if (video.Dim != 5 || video.Size(1) != 3 || video.Size(2) < 1)
        {
            throw new ArgumentException($"REGEN encodes videos (B, 3, T, H, W) with T >= 1, got [{string.Join(", ", video.Shape)}]");
        }
    }

    internal void CheckLatents(Tensor latents)
    {
        var c = Model.Config.LatentChannels;
        if (latents.Dim != 5 || latents.Size(1) != c || latents.Size(2) < 1)
        {
            throw new ArgumentException($"REGEN decodes latents (B, {c}, T', h, w) with T' >= 1, got [{string.Join(", ", latents.Shape)}]");
        }
    }

    public void Dispose() => Model.Dispose();
}

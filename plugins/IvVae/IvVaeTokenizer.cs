using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.IvVae.Model;
using VideoPipe.Plugins.IvVae.Streaming;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae;

/// <summary>
/// IV-VAE as a streaming tokenizer. Inputs are cast to the model dtype; outputs (latents and video) are
/// float32. Encode returns the posterior MEAN by default (upstream always samples). Settings: <see cref="IvVaeSettings"/>.
/// </summary>
public sealed partial class IvVaeTokenizer : IStreamingTokenizer, ITrainableTokenizer
{
    private readonly IvVaeModel model;

    internal IvVaeTokenizer(IvVaeModel model, TokenizerCard card, IDeviceContext deviceContext, DType dtype)
    {
        this.model = model;
        Card = card;
        DeviceContext = deviceContext;
        DType = dtype;
    }

    public TokenizerCard Card { get; }

    public IDeviceContext DeviceContext { get; }

    public Device Device => DeviceContext.Device;

    public DType DType { get; }

    public IvVaeConfig Config => model.Config;

    internal IvVaeModel Model => model;

    public long ParameterCount => model.ParameterCount();

    public void CheckSettings(IReadOnlyDictionary<string, string> settings) => IvVaeSettings.Read(settings);

    public Tensor Encode(Tensor video, EncodeOptions options) => Encode(video, options, explicitNoise: null);

    /// <summary>Whole-clip encode; <paramref name="explicitNoise"/> replaces the seeded draws for posterior 'sample'.</summary>
    public Tensor Encode(Tensor video, EncodeOptions options, Tensor? explicitNoise, long? chunkFrames = null)
    {
        if (video.Dim != 5 || !Card.FrameRule.Accepts(video.Size(2)))
        {
            var frames = video.Dim == 5 ? video.Size(2).ToString(CultureInfo.InvariantCulture) : "?";
            throw new ArgumentException(
                $"ivvae encode needs [B, 3, T, H, W] with T = 1+4k frames, got {frames} frames in [{string.Join(", ", video.Shape)}] " +
                $"(nearest valid: {Card.FrameRule.RoundDown(video.Size(2))} or {Card.FrameRule.RoundUp(video.Size(2))}; pad or trim by policy)");
        }

        using var device = DeviceContext.Enter();
        using var session = BeginEncode(options, explicitNoise);
        using var scope = DisposeScope.Enter();
        var chunk = chunkFrames ?? video.Size(2);
        var parts = new List<Tensor>();
        for (long start = 0; start < video.Size(2); start += chunk)
        {
            var part = session.Push(video.Narrow(2, start, Math.Min(chunk, video.Size(2) - start)));
            if (part is not null)
            {
                parts.Add(part);
            }
        }

        session.Complete();
        return scope.Keep(parts.Count == 1 ? parts[0] : Tensor.Cat(parts, 2));
    }

    public Tensor Decode(Tensor latents, DecodeOptions options) => Decode(latents, options, chunkLatents: null);

    public Tensor Decode(Tensor latents, DecodeOptions options, long? chunkLatents)
    {
        if (latents.Dim != 5 || latents.Size(2) < 1)
        {
            throw new ArgumentException($"ivvae decode expects latents [B, {Config.ZDim}, t>=1, h, w], got [{string.Join(", ", latents.Shape)}]");
        }

        using var device = DeviceContext.Enter();
        using var session = BeginDecode(options);
        using var scope = DisposeScope.Enter();
        var chunk = chunkLatents ?? latents.Size(2);
        var parts = new List<Tensor>();
        for (long start = 0; start < latents.Size(2); start += chunk)
        {
            parts.Add(session.Push(latents.Narrow(2, start, Math.Min(chunk, latents.Size(2) - start)))!);
        }

        return scope.Keep(parts.Count == 1 ? parts[0] : Tensor.Cat(parts, 2));
    }

    public IEncodeSession BeginEncode(EncodeOptions options) => BeginEncode(options, explicitNoise: null);

    internal IEncodeSession BeginEncode(EncodeOptions options, Tensor? explicitNoise)
    {
        var settings = IvVaeSettings.Read(options.Settings);
        var formatter = new LatentFormatter(options, Card.Scaling, explicitNoise);
        return new IvVaeEncodeSession(new EncoderStream(model, DType, settings.GroupsPerCall), formatter);
    }

    public IDecodeSession BeginDecode(DecodeOptions options)
    {
        var settings = IvVaeSettings.Read(options.Settings);
        return new IvVaeDecodeSession(new DecoderStream(model, DType, settings.LatentsPerCall), options.Scaled ? Card.Scaling : null);
    }

    public void Dispose() => model.Dispose();
}

using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// A deterministic test tokenizer with a real card: frame 0 and each later group of 4 frames are averaged over
/// 8×8 pixel cells (1+4k frames -> 1+k latents, 3 channels); decode repeats them back.
/// </summary>
internal sealed class AveragePoolTokenizer(TokenizerCard card, Device device, DType dtype) : ITokenizer
{
    public TokenizerCard Card { get; } = card;

    public Device Device { get; } = device;

    public DType DType { get; } = dtype;

    public int EncodeCalls;

    public void CheckSettings(IReadOnlyDictionary<string, string> settings)
    {
        if (settings.Keys.FirstOrDefault(key => !Card.Settings.ContainsKey(key)) is { } unknown)
        {
            throw new ArgumentException($"{Card.Family} has no setting '{unknown}'");
        }
    }

    public Tensor Encode(Tensor video, EncodeOptions options)
    {
        Interlocked.Increment(ref EncodeCalls);
        using var scope = DisposeScope.Enter();
        long t = video.Size(2), h = video.Size(3) / 8, w = video.Size(4) / 8;
        var k = Card.FrameRule.LatentFrames(t) - 1;
        var first = video.Narrow(2, 0, 1).Reshape(1, 3, 1, h, 8, w, 8).Mean([4, 6], keepDim: false);
        var latents = first;
        if (k > 0)
        {
            var rest = video.Narrow(2, 1, 4 * k).Reshape(1, 3, k, 4, h, 8, w, 8).Mean([3, 5, 7], keepDim: false);
            latents = Tensor.Cat([first, rest], 2);
        }

        if (options.Scaled)
        {
            latents = latents.Sub(Card.Scaling.Shift).Mul(Card.Scaling.Scale);
        }

        return scope.Keep(latents.Contiguous());
    }

    public Tensor Decode(Tensor latents, DecodeOptions options)
    {
        using var scope = DisposeScope.Enter();
        long t = latents.Size(2), h = latents.Size(3), w = latents.Size(4);
        var z = options.Scaled ? latents.Div(Card.Scaling.Scale).Add(Card.Scaling.Shift) : latents;
        var first = z.Narrow(2, 0, 1).Reshape(1, 3, 1, h, 1, w, 1).Expand(1, 3, 1, h, 8, w, 8).Reshape(1, 3, 1, h * 8, w * 8);
        var video = first;
        if (t > 1)
        {
            var rest = z.Narrow(2, 1, t - 1).Reshape(1, 3, t - 1, 1, h, 1, w, 1).Expand(1, 3, t - 1, 4, h, 8, w, 8).Reshape(1, 3, 4 * (t - 1), h * 8, w * 8);
            video = Tensor.Cat([first, rest], 2);
        }

        return scope.Keep(video.Contiguous());
    }

    public void Dispose()
    {
    }
}

internal sealed class AveragePoolFamily : ITokenizerFamily
{
    public const string Preset = "avgpool-8x4";

    public static readonly TokenizerCard Card = new()
    {
        Family = "avgpool",
        Variant = Preset,
        Version = "1",
        TemporalCompression = 4,
        SpatialCompression = 8,
        FrameRule = FrameRule.OnePlusFourK,
        SpatialAlignment = 8,
        LatentChannels = 3,
        Scaling = new LatentScaling(2.0, 0.25, true),
        ExactCausalStreaming = false,
        GenerativeDecode = false,
        SupportedDTypes = [DType.Float32, DType.Float64],
        SupportedDevices = [DeviceType.Cpu],
        DefaultTileFrames = 9,
        DefaultTileOverlapFrames = 1,
    };

    public List<AveragePoolTokenizer> Created { get; } = [];

    public string Family => "avgpool";

    public IReadOnlyList<string> Presets => [Preset];

    public TokenizerCard DescribePreset(string preset) =>
        preset == Preset ? Card : throw new ArgumentException($"unknown preset {preset}");

    public ITokenizer Create(TokenizerRequest request)
    {
        var tokenizer = new AveragePoolTokenizer(Card, request.DeviceContext.Device, request.DType);
        lock (Created)
        {
            Created.Add(tokenizer);
        }

        return tokenizer;
    }
}

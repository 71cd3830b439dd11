using VideoPipe.Plugins.IvVae.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Model;

/// <summary>
/// Upstream <c>VAutoencoder3d</c> (keys encoder.*, conv1.*, conv2.*, decoder.*). The methods here run one
/// streamed call each; <see cref="Tokenizer.IvVaeTokenizer"/> and the sessions drive the calls.
/// </summary>
public sealed class IvVaeModel : Module
{
    public IvVaeModel(IvVaeConfig config)
    {
        config.Validate();
        Config = config;
        var z = config.ZDim;
        Encoder = Child("encoder", new Encoder(config));
        QuantConv = Child("conv1", new KtcConv(2 * z, z, z, 1, groupLength: 1));
        PostQuantConv = Child("conv2", new KtcConv(z, z / 2, z / 2, 1, groupLength: 1));
        Decoder = Child("decoder", new Decoder(config));
    }

    public IvVaeConfig Config { get; }

    public Encoder Encoder { get; }

    /// <summary>Top-level <c>conv1</c>: encoder output (2z) -> [A (z) | B (z)].</summary>
    public KtcConv QuantConv { get; }

    /// <summary>Top-level <c>conv2</c>: z -> z.</summary>
    public KtcConv PostQuantConv { get; }

    public Decoder Decoder { get; }

    /// <summary>Frames per encoder call after the first (upstream hard-codes 4).</summary>
    public const int FramesPerGroup = 4;

    /// <summary>Encodes one call (frame 0 alone, then whole 4-frame groups) into its posterior.</summary>
    public Posterior EncodeCall(Tensor frames, StreamState state)
    {
        using var scope = DisposeScope.Enter();
        var features = Encoder.Forward(frames, state);
        state.EndCall();
        var (mean, logVar) = SplitMoments(QuantConv.Forward(features, null), Config.ZDim);
        return new Posterior(scope.Keep(mean), scope.Keep(logVar));
    }

    /// <summary>
    /// conv1's output is [A | B] with z channels each; with h = z/2 the mean is [A[0:h], B[0:h]] and the
    /// log-variance [A[h:z], B[h:z]] (keyframe half first, temporal half second).
    /// </summary>
    internal static (Tensor Mean, Tensor LogVar) SplitMoments(Tensor moments, long z)
    {
        using var scope = DisposeScope.Enter();
        var h = z / 2;
        var parts = moments.Split([h, h, h, h], 1);
        var mean = Tensor.Cat([parts[0], parts[2]], 1);
        var logVar = Tensor.Cat([parts[1], parts[3]], 1);
        return (scope.Keep(mean), scope.Keep(logVar));
    }

    /// <summary>Decodes one call of unscaled latent frames (latent 0 alone, then any number) into video frames.</summary>
    public Tensor DecodeCall(Tensor latents, StreamState state)
    {
        using var scope = DisposeScope.Enter();
        var first = state.IsFirstCall;
        var head = Decoder.Forward(PostQuantConv.Forward(latents, null), state);
        state.EndCall();
        return scope.Keep(AssembleFrames(head, first));
    }

    /// <summary>
    /// Head output (B, 6, T, H, W) -> RGB: the stream's frame 0 and the first frame of every 4-frame group come
    /// from the 2D RGB (channels 0..2), the other three frames of each group from the 3D RGB (channels 3..5).
    /// </summary>
    internal static Tensor AssembleFrames(Tensor head, bool firstCall)
    {
        using var scope = DisposeScope.Enter();
        var (b, t, h, w) = (head.Size(0), head.Size(2), head.Size(3), head.Size(4));
        var keyframes = head.Narrow(1, 0, 3);
        if (firstCall)
        {
            // Upstream's first call is a single frame; every frame of it is frame 0 of the stream.
            return scope.Keep(keyframes.Contiguous());
        }

        if (t % FramesPerGroup != 0)
        {
            throw new InvalidOperationException($"decoder call produced {t} frames, not whole groups of {FramesPerGroup}");
        }

        var n = t / FramesPerGroup;
        var residual = head.Narrow(1, 3, 3);
        var k = keyframes.Reshape(b, 3, n, FramesPerGroup, h, w).Narrow(3, 0, 1);
        var r = residual.Reshape(b, 3, n, FramesPerGroup, h, w).Narrow(3, 1, FramesPerGroup - 1);
        return scope.Keep(Tensor.Cat([k, r], 3).Reshape(b, 3, t, h, w));
    }
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Decodes each latent tile back to a float video tile; un-scales exactly as the latent's provenance says. With
/// <c>streaming: true</c> each item's latents go in order through one decode session (exact causal streaming).
/// </summary>
public sealed class DecodeLatentsStageType : IStageType
{
    public string Name => "decode-latents";

    public string Description => "Latents to video tiles with a tokenizer.";

    public PortKind Input => PortKind.Latents;

    public PortKind Output => PortKind.Tiles;

    public bool UsesTokenizer => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("tokenizer", OptionKind.String, "the tokenizer under $.tokenizers") { Required = true },
        new("seed", OptionKind.Integer, "noise seed for generative decoders") { Minimum = 0 },
        new("streaming", OptionKind.Boolean, "push each item's latents in order through one decode session (needs a streaming tokenizer and parallelism 1)"),
        FamilySettingsOption.Declaration,
    ];

    public bool RequiresOrderedInput(JsonElement options) => new OptionReader(options).Bool("streaming", false);

    public void Validate(StageValidationContext context)
    {
        if (context.TokenizerCard is { GenerativeDecode: true } card && !new OptionReader(context.Options).Has("seed"))
        {
            context.OptionError("seed", $"is required: {card.Family} {card.Variant} decodes generatively");
        }

        if (context.TokenizerCard is { } streamingCard)
        {
            EncodeStageType.CheckStreaming(context, streamingCard);
            FamilySettingsOption.Validate(context, streamingCard);
        }
    }

    public IStage Create(StageContext context)
    {
        var tokenizer = context.Tokenizer ?? throw new InvalidOperationException("decode-latents needs a tokenizer");
        var options = new OptionReader(context.Options);
        var decodeOptions = new DecodeOptions
        {
            Seed = options.Long("seed") is { } s ? (ulong)s : null,
            Settings = FamilySettingsOption.Read(context.Options, tokenizer),
        };
        return options.Bool("streaming", false)
            ? new StreamingDecodeLatentsStage(EncodeStageType.StreamingTokenizer(tokenizer), decodeOptions, context.DeviceContext, context.DType)
            : new DecodeLatentsStage(tokenizer, decodeOptions, context.DeviceContext, context.DType);
    }
}

/// <param name="options">Seed and settings; each latent's provenance says whether it is scaled.</param>
internal sealed class DecodeLatentsStage(ITokenizer tokenizer, DecodeOptions options, IDeviceContext deviceContext, DType dtype) : IRetryableStage
{
    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var latent = (LatentTile)message.Payload;
        CheckFamily(latent, tokenizer.Card);

        Tensor video;
        using (deviceContext.Enter())
        using (var scope = DisposeScope.Enter())
        {
            var input = latent.Latents.To(dtype, tokenizer.Device);
            var decoded = tokenizer.Decode(input, options with { Scaled = latent.Provenance.ScalingApplied });
            if (decoded.Size(2) != latent.Geometry.Frames)
            {
                throw new InvalidOperationException($"decoding tile {latent.Geometry.TileIndex} gave {decoded.Size(2)} frames, expected {latent.Geometry.Frames}");
            }

            video = scope.Keep(decoded);
        }

        await output.EmitAsync(message with { Payload = new TemporalTile(video, latent.Geometry) }, cancellationToken);
    }

    internal static void CheckFamily(LatentTile latent, TokenizerCard card)
    {
        if (latent.Provenance.Family != card.Family)
        {
            throw new InvalidOperationException($"latents were made by {latent.Provenance.Family} {latent.Provenance.Variant}; this stage decodes with {card.Family} {card.Variant}");
        }
    }
}

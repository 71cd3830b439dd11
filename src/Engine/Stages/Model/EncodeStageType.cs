using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Encodes each temporal tile with the tokenizer (mean or seeded sample; scaled per the card or not). With
/// <c>streaming: true</c> each item's tiles go in order through one encode session (exact causal streaming).
/// </summary>
public sealed class EncodeStageType : IStageType
{
    public string Name => "encode";

    public string Description => "Tiles to latents with a tokenizer.";

    public PortKind Input => PortKind.Tiles;

    public PortKind Output => PortKind.Latents;

    public bool UsesTokenizer => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("tokenizer", OptionKind.String, "the tokenizer under $.tokenizers") { Required = true },
        new("posterior", OptionKind.String, "what to keep of the posterior") { AllowedValues = ["mean", "sample"] },
        new("seed", OptionKind.Integer, "noise seed for posterior sample (recorded with the latents)") { Minimum = 0 },
        new("scaled", OptionKind.Boolean, "apply the card's scale/shift (default true)"),
        new("streaming", OptionKind.Boolean, "push each item's tiles in order through one encode session (needs a streaming tokenizer and parallelism 1; pair with chunk mode causal)"),
        FamilySettingsOption.Declaration,
    ];

    public bool RequiresOrderedInput(JsonElement options) => new OptionReader(options).Bool("streaming", false);

    public void Validate(StageValidationContext context)
    {
        var options = new OptionReader(context.Options);
        if (options.String("posterior") == "sample" && !options.Has("seed"))
        {
            context.OptionError("seed", "is required when posterior is \"sample\" (so the latents can be reproduced)");
        }

        if (context.TokenizerCard is { } card)
        {
            ChunkStageType.CheckAlignment(context, card);
            CheckStreaming(context, card);
            FamilySettingsOption.Validate(context, card);
        }
    }

    /// <summary>Validation of <c>streaming</c>, shared with decode-latents.</summary>
    internal static void CheckStreaming(StageValidationContext context, TokenizerCard card)
    {
        if (new OptionReader(context.Options).Bool("streaming", false) && !card.ExactCausalStreaming)
        {
            context.OptionError("streaming", $"{card.Family} {card.Variant} has no exact streaming sessions; remove streaming (and use overlap tiling)");
        }
    }

    internal static IStreamingTokenizer StreamingTokenizer(ITokenizer tokenizer) => tokenizer as IStreamingTokenizer
        ?? throw new InvalidOperationException($"streaming needs a streaming tokenizer; {tokenizer.Card.Family} {tokenizer.Card.Variant} is not one");

    internal static LatentProvenance ProvenanceFor(ITokenizer tokenizer, EncodeOptions options) => new()
    {
        Family = tokenizer.Card.Family,
        Variant = tokenizer.Card.Variant,
        Version = tokenizer.Card.Version,
        Scaling = tokenizer.Card.Scaling,
        ScalingApplied = options.Scaled,
        Posterior = options.Posterior,
        Seed = options.Seed,
    };

    public IStage Create(StageContext context)
    {
        var options = new OptionReader(context.Options);
        var tokenizer = context.Tokenizer ?? throw new InvalidOperationException("encode needs a tokenizer");
        var encodeOptions = new EncodeOptions
        {
            Posterior = options.String("posterior", "mean") == "sample" ? PosteriorMode.Sample : PosteriorMode.Mean,
            Seed = options.Long("seed") is { } seed ? (ulong)seed : null,
            Scaled = options.Bool("scaled", true),
            Settings = FamilySettingsOption.Read(context.Options, tokenizer),
        };
        return options.Bool("streaming", false)
            ? new StreamingEncodeStage(StreamingTokenizer(tokenizer), encodeOptions, context.DeviceContext, context.DType)
            : new EncodeStage(tokenizer, encodeOptions, context.DeviceContext, context.DType);
    }
}

internal sealed class EncodeStage(ITokenizer tokenizer, EncodeOptions options, IDeviceContext deviceContext, DType dtype) : IRetryableStage
{
    private readonly LatentProvenance provenance = EncodeStageType.ProvenanceFor(tokenizer, options);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var tile = (TemporalTile)message.Payload;
        Tensor latents;
        using (deviceContext.Enter())
        using (var scope = DisposeScope.Enter())
        {
            var input = tile.Video.To(dtype, tokenizer.Device);
            latents = scope.Keep(tokenizer.Encode(input, options));
        }

        await output.EmitAsync(message with { Payload = new LatentTile(latents, tile.Geometry, provenance) }, cancellationToken);
    }
}

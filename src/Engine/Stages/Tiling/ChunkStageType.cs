using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Cuts each clip into temporal tiles the tokenizer accepts: <c>tileFrames</c> per tile (following the card's frame
/// rule), neighbours sharing <c>overlapFrames</c>; the tail tile is padded with its last frame up to the rule
/// (stitching crops it). <c>mode: "causal"</c> cuts consecutive chunks without overlap for streaming encode sessions
/// (tile 0 follows the rule, later tiles are multiples of its step; see <see cref="TileCutter"/>). Frames become float [1, 3, T, H, W] in [-1, 1] on the stage's device.
/// </summary>
public sealed class ChunkStageType : IStageType
{
    public string Name => "chunk";

    public string Description => "Temporal tiles per the tokenizer card (size, overlap, frame rule), as model input.";

    public PortKind Input => PortKind.Frames;

    public PortKind Output => PortKind.Tiles;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("tokenizer", OptionKind.String, "the tokenizer (under $.tokenizers) whose card sets the rules") { Required = true },
        new("tileFrames", OptionKind.Integer, "frames per tile; 0 = whole clip (default: the card's DefaultTileFrames)") { Minimum = 0 },
        new("overlapFrames", OptionKind.Integer, "frames shared by neighbouring tiles (default: the card's DefaultTileOverlapFrames)") { Minimum = 0 },
        new("mode", OptionKind.String, "overlap (default): independent overlapping tiles; causal: consecutive chunks for streaming sessions (exact-streaming families)") { AllowedValues = ["overlap", "causal"] },
    ];

    public void Validate(StageValidationContext context)
    {
        if (context.TokenizerCard is not { } card)
        {
            return;
        }

        var options = new OptionReader(context.Options);
        var tile = options.Int("tileFrames", card.DefaultTileFrames);
        if (IsCausal(options))
        {
            ValidateCausal(context, card, options, tile);
            return;
        }

        var overlap = options.Int("overlapFrames", card.DefaultTileOverlapFrames);
        var rule = card.FrameRule;
        var at = options.Has("tileFrames") ? "tileFrames" : null;
        if (tile > 0 && !rule.Accepts(tile))
        {
            var below = rule.RoundDown(tile);
            var valid = below > 0 ? $"{below} or {rule.RoundUp(tile)}" : $"{rule.RoundUp(tile)}";
            context.OptionError(at, $"{tile} frames per tile do not follow {card.Family}'s frame rule {rule}; nearest valid: {valid} (or 0 for whole clips)");
        }

        if (tile > 0 && overlap >= tile)
        {
            context.OptionError(options.Has("overlapFrames") ? "overlapFrames" : null, $"overlap {overlap} must be smaller than the tile ({tile} frames): 0..{tile - 1}");
        }

        if (tile == 0 && overlap > 0 && options.Has("overlapFrames"))
        {
            context.OptionError("overlapFrames", "whole-clip tiles (tileFrames 0) have no neighbours; use 0");
        }

        CheckAlignment(context, card);
    }

    private static bool IsCausal(OptionReader options) => options.String("mode", "overlap") == "causal";

    private static void ValidateCausal(StageValidationContext context, TokenizerCard card, OptionReader options, int tile)
    {
        var rule = card.FrameRule;
        if (!card.ExactCausalStreaming)
        {
            context.OptionError("mode", $"\"causal\" needs a tokenizer with exact causal streaming; {card.Family} {card.Variant} has none (use \"overlap\")");
        }

        if (tile > 0 && (!rule.Accepts(tile) || tile <= rule.First))
        {
            context.OptionError(options.Has("tileFrames") ? "tileFrames" : null,
                $"causal tiles need a first tile following {card.Family}'s frame rule {rule} with more than {rule.First} frames (later tiles have tileFrames - {rule.First}); nearest valid: {Math.Max(rule.RoundUp(tile), rule.First + rule.Step)} (or 0 for whole clips)");
        }

        if (options.Int("overlapFrames", 0) != 0)
        {
            context.OptionError("overlapFrames", "causal tiles do not overlap; use 0 or leave it out");
        }

        CheckAlignment(context, card);
    }

    internal static void CheckAlignment(StageValidationContext context, TokenizerCard card)
    {
        var a = card.SpatialAlignment;
        if (a <= 1)
        {
            return;
        }

        foreach (var (size, axis) in new[] { (context.Input.Width, "width"), (context.Input.Height, "height") })
        {
            if (size is { } s && s % a != 0)
            {
                context.OptionError(null, $"input {axis} {s} is not a multiple of {a} ({card.Family} {card.Variant} needs H and W aligned to {a}); use {s / a * a} or {(s / a + 1) * a}");
            }
        }

        if (context.Input.Width is null && context.Input.SizeMultiple is { } multiple && multiple % a != 0)
        {
            context.OptionError(null, $"frames reaching this stage are only guaranteed to be multiples of {multiple} pixels, but {card.Family} {card.Variant} needs multiples of {a}; set the decode stage's options.sizeMultiple to {a} (or a multiple of it)");
        }
    }

    public IStage Create(StageContext context)
    {
        var card = context.Tokenizer?.Card ?? throw new InvalidOperationException("chunk needs a tokenizer");
        var options = new OptionReader(context.Options);
        var causal = IsCausal(options);
        return new ChunkStage(card.FrameRule, options.Int("tileFrames", card.DefaultTileFrames), causal ? 0 : options.Int("overlapFrames", card.DefaultTileOverlapFrames),
            causal, context.DeviceContext.Device, context.DType);
    }
}

using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// The <c>settings</c> option of the encode and decode-latents stages: the tokenizer family's own settings (tiling,
/// chunk sizes, sampler steps: the keys its card declares, listed by <c>videopipe plugins list</c>). Keys are checked
/// against the card when the pipeline is validated and the values by the family when the stage is created, so a
/// wrong setting stops the job before any item.
/// </summary>
internal static class FamilySettingsOption
{
    public const string Name = "settings";

    public static StageOption Declaration { get; } = new(Name, OptionKind.Object,
        "the tokenizer family's settings, e.g. {\"tiling\": true} (the keys its card declares: videopipe plugins list); strings, numbers or booleans");

    public static void Validate(StageValidationContext context, TokenizerCard card)
    {
        var options = new OptionReader(context.Options);
        if (!options.Has(Name))
        {
            return;
        }

        var settings = context.Options.GetProperty(Name);
        foreach (var property in settings.EnumerateObject())
        {
            if (OptionReader.ScalarText(property.Value) is null)
            {
                context.OptionError(Name, $"'{property.Name}' must be a string, number or boolean, not {property.Value.GetRawText()}");
            }
        }

        foreach (var problem in CardSettings.Undeclared(card, settings.EnumerateObject().Select(p => p.Name)))
        {
            context.OptionError(Name, problem);
        }
    }

    /// <summary>The stage's settings, checked by the tokenizer itself (values it cannot read throw here, before work).</summary>
    public static IReadOnlyDictionary<string, string> Read(JsonElement stageOptions, ITokenizer tokenizer)
    {
        var settings = new OptionReader(stageOptions).Scalars(Name);
        tokenizer.CheckSettings(settings);
        return settings;
    }
}

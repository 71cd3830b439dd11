using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>One problem found before any work starts: where (a JSON path) and what would be valid.</summary>
public sealed record ValidationError(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>What a stage type sees when it validates its configuration.</summary>
public sealed class StageValidationContext
{
    private readonly List<ValidationError> errors;

    public StageValidationContext(string stageName, string jsonPath, JsonElement options, MediaShape input,
        TokenizerCard? tokenizerCard, Device? device, DType? dtype, List<ValidationError> errors)
    {
        StageName = stageName;
        JsonPath = jsonPath;
        Options = options;
        Input = input;
        TokenizerCard = tokenizerCard;
        Device = device;
        DType = dtype;
        this.errors = errors;
    }

    public string StageName { get; }

    /// <summary>JSON path of the stage object, e.g. <c>$.stages[2]</c>.</summary>
    public string JsonPath { get; }

    public JsonElement Options { get; }

    /// <summary>The media shape arriving at this stage as far as the configuration tells.</summary>
    public MediaShape Input { get; }

    /// <summary>The card of the tokenizer the stage names (null when it names none or it is unknown).</summary>
    public TokenizerCard? TokenizerCard { get; }

    public Device? Device { get; }

    public DType? DType { get; }

    /// <summary>Reports an error at <c>options.&lt;option&gt;</c> of this stage (or the stage itself when null).</summary>
    public void OptionError(string? option, string message) =>
        errors.Add(new ValidationError(option is null ? JsonPath : $"{JsonPath}.options.{option}", message));
}

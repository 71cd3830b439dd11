namespace VideoPipe.Abstractions;

/// <summary>The JSON type an option must have.</summary>
public enum OptionKind
{
    String,
    Integer,
    Number,
    Boolean,
    StringArray,
    Object,
}

/// <summary>One option a stage type accepts under <c>options</c>; the host rejects anything not declared.</summary>
public sealed record StageOption(string Name, OptionKind Kind, string Description)
{
    public bool Required { get; init; }

    /// <summary>For string options with a closed set of values.</summary>
    public IReadOnlyList<string>? AllowedValues { get; init; }

    /// <summary>Smallest accepted value for numeric options.</summary>
    public double? Minimum { get; init; }
}

using System.Text.Json;

namespace VideoPipe.Abstractions;

/// <summary>
/// A kind of stage a pipeline JSON can name in <c>type</c>. The host ships the built-in ones; plugins add more
/// through <see cref="IStageProvider"/>.
/// </summary>
public interface IStageType
{
    string Name { get; }

    string Description { get; }

    /// <summary>What the stage consumes (<see cref="PortKind.None"/> for sources).</summary>
    PortKind Input { get; }

    /// <summary>What the stage produces (<see cref="PortKind.None"/> for sinks).</summary>
    PortKind Output { get; }

    IReadOnlyList<StageOption> Options { get; }

    /// <summary>True for model stages: they take <c>device</c>/<c>dtype</c> and a <c>tokenizer</c> option.</summary>
    bool UsesTokenizer => false;

    /// <summary>True when the stage needs each item's messages in order (then its parallelism must be 1).</summary>
    bool OrderedInput => false;

    /// <summary>Like <see cref="OrderedInput"/>, for stage types where an option decides it (e.g. streaming encode).</summary>
    bool RequiresOrderedInput(JsonElement options) => OrderedInput;

    /// <summary>Checks beyond option types (frame rule, alignment, ...); reports through the context.</summary>
    void Validate(StageValidationContext context)
    {
    }

    /// <summary>The media shape this stage emits, given its options and what it receives.</summary>
    MediaShape DescribeOutput(JsonElement options, MediaShape input) => input;

    IStage Create(StageContext context);
}

/// <summary>Implemented by a plugin's entry type (next to <see cref="IVideoPipePlugin"/>) to add stage types.</summary>
public interface IStageProvider
{
    IReadOnlyList<IStageType> StageTypes { get; }
}

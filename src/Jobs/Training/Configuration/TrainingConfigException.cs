namespace VideoPipe.Jobs.Training;

/// <summary>A train.json (or its overrides) that cannot run; <see cref="Errors"/> lists every problem with its JSON path.</summary>
public sealed class TrainingConfigException(IReadOnlyList<string> errors)
    : Exception("invalid training config:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

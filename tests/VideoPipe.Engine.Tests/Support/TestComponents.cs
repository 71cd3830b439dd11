using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Engine.Tests;

/// <summary>Built-in stage types plus test ones, and the average-pool family.</summary>
internal static class TestComponents
{
    public static ComponentSet Create(AveragePoolFamily? family = null, params IStageType[] extraStages)
    {
        var stages = BuiltinStageTypes.All.Concat(extraStages).ToDictionary(s => s.Name, StringComparer.Ordinal);
        var families = new Dictionary<string, ITokenizerFamily>(StringComparer.Ordinal) { ["avgpool"] = family ?? new AveragePoolFamily() };
        return new ComponentSet(stages, families);
    }
}

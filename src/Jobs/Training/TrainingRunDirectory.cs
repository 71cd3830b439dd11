using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoPipe.Jobs.Training;

/// <summary>The files of one run: config.json, metrics.jsonl, quarantine.jsonl, curves.png and checkpoints/step-N.safetensors.</summary>
public sealed partial class TrainingRunDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    public string ConfigPath => Path.Combine(Root, "config.json");

    public string MetricsPath => Path.Combine(Root, "metrics.jsonl");

    public string QuarantinePath => Path.Combine(Root, "quarantine.jsonl");

    public string CurvesPath => Path.Combine(Root, "curves.png");

    public string CheckpointFolder => Path.Combine(Root, "checkpoints");

    public string CheckpointPath(long step) => Path.Combine(CheckpointFolder, string.Create(CultureInfo.InvariantCulture, $"step-{step:D8}.safetensors"));

    /// <summary>Completed checkpoints, oldest first (temporary files of an interrupted write are not among them).</summary>
    public IReadOnlyList<(long Step, string Path)> Checkpoints() =>
        !Directory.Exists(CheckpointFolder)
            ? []
            : Directory.EnumerateFiles(CheckpointFolder)
                .Select(p => (Match: CheckpointName().Match(Path.GetFileName(p)), Path: p))
                .Where(m => m.Match.Success)
                .Select(m => (long.Parse(m.Match.Groups[1].Value, CultureInfo.InvariantCulture), m.Path))
                .OrderBy(c => c.Item1)
                .ToList();

    public (long Step, string Path)? LatestCheckpoint() => Checkpoints() is { Count: > 0 } all ? all[^1] : null;

    [GeneratedRegex(@"^step-(\d{8})\.safetensors$")]
    private static partial Regex CheckpointName();
}

using System.Globalization;
using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Jobs.Training;

/// <summary>
/// `videopipe train export`: the latest checkpoint's weights (the EMA where the run kept one, unless raw) as a
/// safetensors file with the family's config.json beside it, which the family's loaders read as they are.
/// </summary>
public static class TrainingExport
{
    /// <summary>The weights file of an export folder (<c>model.init_from</c> and shipped models find it by this name).</summary>
    public const string WeightsFileName = "model.safetensors";

    public sealed record Result(long Step, bool Ema, string WeightsPath, string ConfigPath);

    public static Result Write(string runDirectory, string outputPath, bool raw)
    {
        var run = new TrainingRunDirectory(runDirectory);
        var (step, checkpoint) = run.LatestCheckpoint() ?? throw new ArgumentException($"run directory {run.Root} holds no checkpoint to export");
        var state = TrainingCheckpoint.ReadState(checkpoint);
        var output = Path.GetFullPath(outputPath);
        if (!output.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            output = Path.Combine(output, WeightsFileName);
        }

        var folder = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(folder);
        var all = Safetensors.Load(checkpoint);
        try
        {
            var weights = TrainingCheckpoint.Section(all, TrainingCheckpoint.Model);
            var averages = TrainingCheckpoint.Section(all, TrainingCheckpoint.Ema);
            var useEma = !raw && averages.Count > 0;
            if (useEma)
            {
                foreach (var (name, average) in averages)
                {
                    weights[name] = average;
                }
            }

            Safetensors.Save(output, weights, new Dictionary<string, string>
            {
                ["format"] = "pt",
                ["videopipe.family"] = state.Family,
                ["videopipe.step"] = step.ToString(CultureInfo.InvariantCulture),
                ["videopipe.weights"] = useEma ? "ema" : "raw",
            });
            var configPath = Path.Combine(folder, CheckpointConfig.FileName);
            AtomicFile.WriteAllText(configPath, JsonSerializer.Serialize(state.ModelConfig, new JsonSerializerOptions { WriteIndented = true }));
            return new Result(step, useEma, output, configPath);
        }
        finally
        {
            foreach (var t in all.Values)
            {
                t.Dispose();
            }
        }
    }
}

using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Jobs.Training;

/// <summary>`videopipe train` and `videopipe train resume`: config in, run directory out.</summary>
public static class TrainingJob
{
    /// <summary>Records a validated config (<see cref="TrainingConfigFile.Load"/>) as the run's config.json and trains.</summary>
    public static TrainingOutcome Start(TrainingOptions options, string runDirectory, Func<string, ITokenizerFamily> families, ILogger logger, CancellationToken stopping, Action<long>? afterStep = null)
    {
        var family = Find(families, options.Model.Family);
        var run = new TrainingRunDirectory(runDirectory);
        if (run.LatestCheckpoint() is not null)
        {
            throw new TrainingConfigException([$"run directory {run.Root} already holds checkpoints: continue it with `videopipe train resume {run.Root}` or choose another --run-dir"]);
        }

        Directory.CreateDirectory(run.Root);
        AtomicFile.WriteAllText(run.ConfigPath, TrainingConfigFile.Serialize(options));
        return new Trainer(family, options, run, logger) { AfterStep = afterStep }.Run(resume: false, stopping);
    }

    /// <summary>Continues a run from its latest checkpoint with the config it was started with.</summary>
    public static TrainingOutcome Resume(string runDirectory, Func<string, ITokenizerFamily> families, ILogger logger, CancellationToken stopping, Action<long>? afterStep = null)
    {
        var run = new TrainingRunDirectory(runDirectory);
        var options = TrainingConfigFile.Load(run.ConfigPath, []);
        var family = Find(families, options.Model.Family);
        return new Trainer(family, options, run, logger) { AfterStep = afterStep }.Run(resume: true, stopping);
    }

    private static ITokenizerFamily Find(Func<string, ITokenizerFamily> families, string name)
    {
        try
        {
            return families(name);
        }
        catch (ArgumentException e)
        {
            throw new TrainingConfigException([$"model.family: {e.Message}"]);
        }
    }
}

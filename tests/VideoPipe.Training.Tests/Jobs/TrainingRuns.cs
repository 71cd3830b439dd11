using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Abstractions;
using VideoPipe.Jobs.Training;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Plugins.ProMag;
using VideoPipe.Plugins.Regen;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Training.Tests.Jobs;

/// <summary>Tiny OD-VAE runs (5 frames of 16x16, one thread) in temporary folders, started from configs/train/smoke.json.</summary>
internal sealed class TrainingRuns : IDisposable
{
    public TrainingRuns()
    {
        Root = Directory.CreateTempSubdirectory("vp-train-").FullName;
    }

    public string Root { get; }

    public static ITokenizerFamily Families(string name) => name switch
    {
        "odvae" => new OdVaeFamily(),
        "promag" => new ProMagFamily(),
        "regen" => new RegenFamily(),
        _ => throw new ArgumentException($"no tokenizer family '{name}' in the tests"),
    };

    /// <summary>The smoke config shrunk for tests, with <paramref name="overrides"/> (path=value) on top.</summary>
    public string[] Overrides(params string[] overrides) =>
    [
        "data.frames=5", "data.size=16", "steps=4", "checkpoint_every=2", "eval.every=2", "eval.clips=1", "threads=1",
        "schedule.warmup_steps=1", .. overrides,
    ];

    public string RunDirectory(string name) => Path.Combine(Root, name);

    public TrainingOutcome Start(string name, string[] overrides, Action<long>? afterStep = null) =>
        TrainingJob.Start(TrainingConfigFile.Load(Repository.Path("configs", "train", "smoke.json"), Overrides(overrides)), RunDirectory(name), Families, NullLogger.Instance, CancellationToken.None, afterStep);

    /// <summary>A run of one of configs/train/promag/*.json on generated 9x16x16 clips (17 frames for 16x), with <paramref name="overrides"/>.</summary>
    public TrainingOutcome StartProMag(string name, string config, params string[] overrides) =>
        StartShipped(name, ["promag", config], ["eval.every=0", .. overrides]);

    /// <summary>A run of configs/train/<paramref name="config"/> for two steps on generated 16x16 clips, with <paramref name="overrides"/>.</summary>
    public TrainingOutcome StartShipped(string name, string[] config, params string[] overrides) =>
        TrainingJob.Start(
            TrainingConfigFile.Load(Repository.Path(["configs", "train", .. config]),
                ["data.source=synthetic", "data.size=16", "steps=2", "checkpoint_every=2", "threads=1", "schedule.warmup_steps=1", .. overrides]),
            RunDirectory(name), Families, NullLogger.Instance, CancellationToken.None);

    public TrainingOutcome Resume(string name) =>
        TrainingJob.Resume(RunDirectory(name), Families, NullLogger.Instance, CancellationToken.None);

    /// <summary>The tensors of the run's latest checkpoint under <paramref name="prefix"/>, as raw bytes by name.</summary>
    public Dictionary<string, byte[]> CheckpointBytes(string name, string prefix)
    {
        var (_, path) = new TrainingRunDirectory(RunDirectory(name)).LatestCheckpoint()!.Value;
        var all = Safetensors.Load(path);
        try
        {
            return all.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value.ToBytes());
        }
        finally
        {
            foreach (var t in all.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Asserts that two runs' latest checkpoints hold byte-identical weights, optimizer state and EMA.</summary>
    public void AssertSameState(string expected, string actual)
    {
        foreach (var prefix in new[] { TrainingCheckpoint.Model, TrainingCheckpoint.Optimizer, TrainingCheckpoint.Ema })
        {
            var want = CheckpointBytes(expected, prefix);
            var got = CheckpointBytes(actual, prefix);
            Assert.NotEmpty(want);
            Assert.Equal(want.Keys.Order(), got.Keys.Order());
            Assert.All(want, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(got[kv.Key]), $"{kv.Key} of {actual} differs from {expected}"));
        }
    }

    public List<JsonObject> Metrics(string name) =>
        File.ReadLines(new TrainingRunDirectory(RunDirectory(name)).MetricsPath).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

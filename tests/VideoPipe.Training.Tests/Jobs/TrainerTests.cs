using VideoPipe.Abstractions;
using VideoPipe.Jobs.Training;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Plugins.ProMag;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Training.Tests.Jobs;

[Collection(TrainingCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly TrainingRuns runs = new();

    public void Dispose() => runs.Dispose();

    [Fact]
    public void SmokeRunTrainsEvaluatesAndCheckpoints()
    {
        Assert.Equal(TrainingOutcome.Completed, runs.Start("smoke", []));
        var rows = runs.Metrics("smoke");
        Assert.Equal([1L, 2, 3, 4], rows.Select(r => (long)r["step"]!));
        Assert.All(rows, r => Assert.True(double.IsFinite((double)r["loss"]!) && (double)r["loss"]! > 0));
        Assert.All(rows, r => Assert.Contains("ssim", r.Select(kv => kv.Key)));
        Assert.Equal(2, rows.Count(r => r.ContainsKey("eval_psnr")));
        var run = new TrainingRunDirectory(runs.RunDirectory("smoke"));
        Assert.Equal([2L, 4], run.Checkpoints().Select(c => c.Step));
        Assert.True(File.Exists(run.ConfigPath));
        Assert.True(new FileInfo(run.CurvesPath).Length > 1000, "curves.png was not drawn");
    }

    [Fact]
    public void ACrashedRunResumesToByteIdenticalWeights()
    {
        Assert.Equal(TrainingOutcome.Completed, runs.Start("whole", []));
        // the in-process equivalent of kill -9 after the step-2 checkpoint: step 3 ran, nothing more was written
        Assert.Throws<SimulatedCrash>(() => runs.Start("crashed", [], step => { if (step == 3) { throw new SimulatedCrash(); } }));
        Assert.Equal([2L], new TrainingRunDirectory(runs.RunDirectory("crashed")).Checkpoints().Select(c => c.Step));
        Assert.Equal(TrainingOutcome.Completed, runs.Resume("crashed"));
        runs.AssertSameState("whole", "crashed");
        Assert.Equal([1L, 2, 3, 4], runs.Metrics("crashed").Select(r => (long)r["step"]!));
    }

    [Fact]
    public void ADifferentSeedGivesDifferentWeights()
    {
        runs.Start("a", ["steps=2"]);
        runs.Start("b", ["steps=2", "seed=1"]);
        var a = runs.CheckpointBytes("a", TrainingCheckpoint.Model);
        var b = runs.CheckpointBytes("b", TrainingCheckpoint.Model);
        Assert.Contains(a, kv => !kv.Value.AsSpan().SequenceEqual(b[kv.Key]));
    }

    [Fact]
    public void BFloat16AutocastTrainsFloat32WeightsCloseToFloat32AndRepeatsExactly()
    {
        runs.Start("f32", ["steps=2"]);
        Assert.Equal(TrainingOutcome.Completed, runs.Start("bf16", ["steps=2", "autocast=bfloat16"]));
        runs.Start("bf16-again", ["steps=2", "autocast=bfloat16"]);
        var full = runs.Metrics("f32");
        var mixed = runs.Metrics("bf16");
        Assert.All(mixed, r => Assert.True(double.IsFinite((double)r["loss"]!)));
        var (first32, first16) = ((double)full[0]["loss"]!, (double)mixed[0]["loss"]!);
        Assert.True(Math.Abs(first16 - first32) < 0.1 * first32, $"step-1 loss {first16} under bfloat16 autocast is far from {first32} in float32");
        Assert.NotEqual(first32, first16);
        runs.AssertSameState("bf16", "bf16-again");
        var (_, path) = new TrainingRunDirectory(runs.RunDirectory("bf16")).LatestCheckpoint()!.Value;
        var saved = Safetensors.Load(path);
        try
        {
            Assert.All(saved.Where(kv => kv.Key.StartsWith(TrainingCheckpoint.Model, StringComparison.Ordinal)), kv => Assert.Equal(DType.Float32, kv.Value.DType));
        }
        finally
        {
            foreach (var tensor in saved.Values)
            {
                tensor.Dispose();
            }
        }
    }

    [Fact]
    public void ATimeBudgetStopsWithACheckpoint()
    {
        Assert.Equal(TrainingOutcome.TimeBudgetReached, runs.Start("budget", ["time_budget_seconds=0.001"]));
        Assert.Equal([1L], new TrainingRunDirectory(runs.RunDirectory("budget")).Checkpoints().Select(c => c.Step));
    }

    [Fact]
    public void AStartedRunDirectoryIsNotOverwritten()
    {
        runs.Start("once", ["steps=2"]);
        var e = Assert.Throws<TrainingConfigException>(() => runs.Start("once", ["steps=2"]));
        Assert.Contains("train resume", e.Message);
    }

    [Fact]
    public void NonFiniteLossesSkipStepsThenStopTheRun()
    {
        runs.Start("good", ["steps=2"]);
        var weights = Path.Combine(runs.Root, "nan", "model.safetensors");
        TrainingExport.Write(runs.RunDirectory("good"), weights, raw: true);
        var all = Safetensors.Load(weights);
        var first = all.Keys.Order(StringComparer.Ordinal).First(k => all[k].Dim > 1);
        all[first].Fill(double.NaN);
        Safetensors.Save(weights, all);
        foreach (var t in all.Values)
        {
            t.Dispose();
        }

        Assert.Equal(TrainingOutcome.Diverged, runs.Start("diverging", [$"model.weights={weights}", "max_bad_steps=2"]));
        Assert.Empty(new TrainingRunDirectory(runs.RunDirectory("diverging")).Checkpoints());
        Assert.False(File.Exists(new TrainingRunDirectory(runs.RunDirectory("diverging")).MetricsPath) && runs.Metrics("diverging").Count > 0);
    }

    [Fact]
    public void ExportLoadsThroughTheFamilyAndEncodes()
    {
        runs.Start("export", ["steps=2"]);
        var ema = TrainingExport.Write(runs.RunDirectory("export"), Path.Combine(runs.Root, "out", "ema.safetensors"), raw: false);
        var raw = TrainingExport.Write(runs.RunDirectory("export"), Path.Combine(runs.Root, "out-raw"), raw: true);
        Assert.True(ema.Ema);
        Assert.False(raw.Ema);
        Assert.Equal(Path.Combine(runs.Root, "out-raw", "model.safetensors"), raw.WeightsPath);
        var averages = runs.CheckpointBytes("export", TrainingCheckpoint.Ema);
        using var exported = SafetensorsFile.Open(ema.WeightsPath);
        foreach (var (name, bytes) in averages)
        {
            using var tensor = exported.Load(name[TrainingCheckpoint.Ema.Length..]);
            Assert.True(tensor.ToBytes().AsSpan().SequenceEqual(bytes), $"{name} is not the EMA");
        }

        using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest { WeightsPath = ema.WeightsPath, DeviceContext = CpuDeviceContext.Instance });
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(3);
        var clip = Tensor.Rand(generator, [1, 3, 5, 16, 16]) * 2.0 - 1.0;
        var latents = tokenizer.Encode(clip, new EncodeOptions());
        Assert.Equal([1L, 4, 2, 2, 2], latents.Shape);
    }

    [Fact]
    public void ProMagStagesGrowFromThePreviousExportAndNeverChangeWhatTheyFroze()
    {
        string[] data = ["data.frames=9", "data.folders=[]", "eval.folders=[]"];
        runs.StartProMag("stage1", "stage1-4x.json", data);
        var stage1 = TrainingExport.Write(runs.RunDirectory("stage1"), Path.Combine(runs.Root, "stage1-export"), raw: false);
        runs.StartProMag("stage2", "stage2-8x.json", [.. data, $"model.grow_from={Path.GetDirectoryName(stage1.WeightsPath)}"]);
        var stage2 = TrainingExport.Write(runs.RunDirectory("stage2"), Path.Combine(runs.Root, "stage2-export"), raw: false);

        using var before = SafetensorsFile.Open(stage1.WeightsPath);
        using var after = SafetensorsFile.Open(stage2.WeightsPath);
        var frozenNames = before.Entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var stage2Names = after.Entries.Select(e => e.Name).ToList();
        Assert.Contains(stage2Names, n => n.StartsWith("growth.0.", StringComparison.Ordinal));
        Assert.Equal(frozenNames, stage2Names.Where(n => !n.StartsWith("growth.0.", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        foreach (var name in frozenNames)
        {
            using var frozen = before.Load(name);
            using var kept = after.Load(name);
            Assert.True(frozen.ToBytes().AsSpan().SequenceEqual(kept.ToBytes()), $"{name} changed in Stage II");
        }

        using var tokenizer = new ProMagFamily().Create(new TokenizerRequest { WeightsPath = stage2.WeightsPath, DeviceContext = CpuDeviceContext.Instance });
        Assert.Equal(8, tokenizer.Card.TemporalCompression);
        using var scope = DisposeScope.Enter();
        using var generator = new Generator(3);
        var latents = tokenizer.Encode(Tensor.Rand(generator, [1, 3, 9, 16, 16]) * 2.0 - 1.0, new EncodeOptions());
        Assert.Equal([1L, 8, 2, 2, 2], latents.Shape);
    }

    [Fact]
    public void GrowingFromTheWrongModelFailsBeforeTraining()
    {
        runs.Start("odvae", ["steps=1"]);
        var odvae = TrainingExport.Write(runs.RunDirectory("odvae"), Path.Combine(runs.Root, "odvae-export"), raw: false);
        var error = Assert.Throws<TrainingConfigException>(() => runs.StartProMag("wrong", "stage2-8x.json",
            "data.frames=9", "data.folders=[]", "eval.folders=[]", $"model.grow_from={Path.GetDirectoryName(odvae.WeightsPath)}"));
        Assert.Contains("model.grow_from", error.Message);
    }

    [Fact]
    public void AdversarialTermsTrainTheDiscriminatorFromItsStartStep()
    {
        Assert.Equal(TrainingOutcome.Completed, runs.Start("gan", ["steps=3", "losses.adversarial={\"channels\":8,\"layers\":2,\"start_step\":2}"]));
        var rows = runs.Metrics("gan");
        Assert.DoesNotContain("adversarial", rows[0].Select(kv => kv.Key));
        Assert.All(rows.Skip(1), r => Assert.True(r.ContainsKey("adversarial") && r.ContainsKey("discriminator")));
        Assert.NotEmpty(runs.CheckpointBytes("gan", TrainingCheckpoint.DiscriminatorOptimizer));
    }

    private sealed class SimulatedCrash : Exception;
}

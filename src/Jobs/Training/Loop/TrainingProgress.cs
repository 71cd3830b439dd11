using System.Diagnostics;
using System.Globalization;

namespace VideoPipe.Jobs.Training;

/// <summary>The progress line: step, loss terms, learning rate, steps/s over this process's steps, ETA.</summary>
public sealed class TrainingProgress(long totalSteps, long firstStep)
{
    private static readonly HashSet<string> NotTerms = ["lr", "grad_norm", "seconds", "eval_psnr", "eval_ssim"];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public string Line(long step, IReadOnlyDictionary<string, double> row)
    {
        var done = step - firstStep + 1;
        var rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var eta = TimeSpan.FromSeconds(Math.Round((totalSteps - step) / rate));
        var line = string.Create(CultureInfo.InvariantCulture, $"step {step}/{totalSteps} {Format(row.Where(kv => !NotTerms.Contains(kv.Key)))} lr {row["lr"]:0.###e+0} {rate:0.00} steps/s ETA {eta:c}");
        return row.TryGetValue("eval_psnr", out var psnr)
            ? line + string.Create(CultureInfo.InvariantCulture, $" | eval PSNR {psnr:0.00} dB SSIM {row["eval_ssim"]:0.0000}")
            : line;
    }

    /// <summary>"loss 0.1234 l1 0.1000 kl 0.0234" with the total first.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, double>> terms) =>
        string.Join(' ', terms.OrderBy(kv => kv.Key == "loss" ? 0 : 1).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:0.0000}")));
}

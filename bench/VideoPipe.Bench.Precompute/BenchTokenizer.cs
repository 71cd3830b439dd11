using VideoPipe.Abstractions;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Precompute;
using VideoPipe.Engine;
using VideoPipe.Media;

namespace VideoPipe.Bench.Precompute;

/// <summary>The precompute settings of the benchmark and its tokenizer, loaded once as `precompute` loads it.</summary>
internal static class BenchTokenizer
{
    public static PrecomputeOptions Options(BenchOptions bench, string input, string output)
    {
        var options = new PrecomputeOptions
        {
            Input = input,
            OutputDirectory = output,
            Tokenizer = "odvae-v1.2",
            ClipFrames = bench.ClipFrames,
            Size = new FrameSize(bench.Size, bench.Size),
            DecodeWorkers = bench.DecodeWorkers,
        };
        if (bench.DecodeNice is { } nice)
        {
            options = options with { DecodeNice = nice };
        }

        if (bench.Model == "released")
        {
            return options with { RandomWeightsSeed = 1 };
        }

        var golden = bench.Golden ?? GoldenCase();
        return options with
        {
            Tokenizer = "odvae",
            TokenizerConfigPath = Path.Combine(golden, "case.json"),
            WeightsPath = Path.Combine(golden, "weights.safetensors"),
        };
    }

    /// <summary>The tokenizer the precompute graph builds from <paramref name="options"/>, loaded once for the stages timed alone.</summary>
    public static async Task<BenchModel> LoadAsync(PrecomputeOptions options)
    {
        var (family, preset) = TokenizerLookup.Find(options.Tokenizer, [new OdVaeFamily()]);
        var config = options.TokenizerConfigPath is { } path ? System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(path)).RootElement.GetProperty("config").Clone() : (System.Text.Json.JsonElement?)null;
        var tokenizer = family.Create(new TokenizerRequest
        {
            Preset = preset,
            Config = config,
            WeightsPath = options.WeightsPath,
            RandomWeightsSeed = options.RandomWeightsSeed,
            DeviceContext = CpuDeviceContext.Instance,
        });
        return new BenchModel(tokenizer, config?.GetRawText(), await WeightsIdentity.OfAsync(options.WeightsPath, options.RandomWeightsSeed, CancellationToken.None));
    }

    private static string GoldenCase()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VideoPipe.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "goldens", "odvae", "case1"));
            }
        }

        throw new DirectoryNotFoundException("VideoPipe.sln not found above the benchmark; pass --golden <case folder>");
    }
}

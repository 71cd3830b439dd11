using Microsoft.Extensions.Logging.Abstractions;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Media;

namespace VideoPipe.Precompute.Tests;

/// <summary>Shared settings of the end-to-end tests: 9-frame clips every 8 frames at 64x64 (17 clips from the good videos).</summary>
public static class Precompute
{
    public const int GoodClips = 17;

    public static List<string> CliArguments(string input, string output, string plugins, string weights, params string[] extra) =>
    [
        "precompute", "--input", input, "--output", output, "--tokenizer", AveragePoolFamily.PresetName, "--weights", weights,
        "--plugins", plugins, "--clip-frames", "9", "--clip-stride", "8", "--size", "64x64", "--item-timeout", "60", .. extra,
    ];

    public static PrecomputeOptions Options(string input, string output, string weights) => new()
    {
        Input = input,
        OutputDirectory = output,
        Tokenizer = AveragePoolFamily.PresetName,
        WeightsPath = weights,
        ClipFrames = 9,
        ClipStride = 8,
        Size = new FrameSize(64, 64),
    };

    public static async Task<PrecomputeOutcome> RunInProcessAsync(PrecomputeOptions options, ITokenizerFamily? family = null)
    {
        using var components = ComponentSet.Builtin(family ?? new AveragePoolFamily());
        return await new PrecomputeJob(new DeviceManager(), NullLoggerFactory.Instance).RunAsync(options, components, StopSignals.None);
    }
}

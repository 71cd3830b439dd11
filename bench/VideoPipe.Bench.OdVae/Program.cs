using System.Diagnostics;
using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Bench;
using VideoPipe.Bench.OdVae;
using VideoPipe.Plugins.OdVae;
using VideoPipe.Plugins.OdVae.Tiling;
using VideoPipe.Torch;

// Released-size OD-VAE with random weights: wall time and peak RSS of encode and decode of one random clip.
// Run encode and decode in separate processes (--op encode / --op decode) so VmHWM belongs to one operation.
var options = BenchOptions.Parse(args);
TorchRuntime.SetThreads(options.Threads);
var inv = CultureInfo.InvariantCulture;
if (options.Op == "profile")
{
    LayerProfile.Run();
    return;
}

if (options.Op == "variants")
{
    VariantBench.Run(options);
    return;
}

using var tokenizer = new OdVaeFamily().CreateTokenizer(new TokenizerRequest
{
    Preset = options.Preset,
    RandomWeightsSeed = 1,
    DeviceContext = CpuDeviceContext.Instance,
    DType = options.DType,
});
var settings = new Dictionary<string, string> { [OdVaeSettingKeys.Tiling.Name] = options.Tiling ? "true" : "false" };
if (options.TileValues is { Length: 5 } tiles)
{
    string[] tileKeys = [.. OdVaeSettingKeys.Schema.Keys.Select(k => k.Name).Where(name => name != OdVaeSettingKeys.Tiling.Name)];
    for (var i = 0; i < 5; i++)
    {
        settings[tileKeys[i]] = tiles[i];
    }
}

Console.WriteLine(string.Create(inv, $"odvae {options.Preset} {options.DType.TorchName()} clip {options.Frames}x{options.Size}x{options.Size} threads {TorchRuntime.Threads} tiling {(!options.Tiling ? "off" : options.TileValues is null ? "upstream defaults" : string.Join(",", options.TileValues))} params {tokenizer.Model.ParameterCount():N0} libtorch {TorchRuntime.LibTorchVersion}"));
Console.WriteLine(string.Create(inv, $"after load: rss {PeakMemory.CurrentMiB():F0} MiB, peak {PeakMemory.PeakMiB():F0} MiB"));

using var generator = new Generator(7);
using var noise = Tensor.Rand(generator, [1, 3, options.Frames, options.Size, options.Size]);
using var video = noise * 2.0 - 1.0;
var latentShape = new long[] { 1, tokenizer.Card.LatentChannels, tokenizer.Card.FrameRule.LatentFrames(options.Frames), options.Size / 8, options.Size / 8 };

if (options.Op is "encode" or "both")
{
    for (var r = 0; r < options.Repeat; r++)
    {
        var (sw, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
        using var latent = tokenizer.Encode(video, new EncodeOptions { Scaled = false, Settings = settings });
        Report("encode", r, sw, cpu, latent);
    }
}

if (options.Op is "decode" or "both")
{
    using var latentNoise = Tensor.Randn(generator, latentShape);
    for (var r = 0; r < options.Repeat; r++)
    {
        var (sw, cpu) = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
        using var decoded = tokenizer.Decode(latentNoise, new DecodeOptions { Scaled = false, Settings = settings });
        Report("decode", r, sw, cpu, decoded);
    }
}

// CPU seconds are reported beside wall seconds because the 2-core machine is shared: wall time includes waiting.
void Report(string op, int run, Stopwatch sw, TimeSpan cpuBefore, Tensor result)
{
    sw.Stop();
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
    Console.WriteLine(string.Create(inv, $"{op} run {run}: wall {sw.Elapsed.TotalSeconds:F2} s, cpu {cpu:F2} s -> [{string.Join(", ", result.Shape)}], peak rss {PeakMemory.PeakMiB():F0} MiB"));
}

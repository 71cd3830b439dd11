using System.Globalization;
using VideoPipe.Abstractions;
using VideoPipe.Bench;
using VideoPipe.Bench.IvVae;
using VideoPipe.Plugins.IvVae;
using VideoPipe.Torch;

var options = BenchOptions.Parse(args);
TorchRuntime.SetThreads(options.Threads);
Console.WriteLine($"threads set: {TorchRuntime.Threads}");
var family = new IvVaeFamily();
using var tokenizer = family.CreateTokenizer(new TokenizerRequest
{
    Preset = options.Preset,
    RandomWeightsSeed = 1,
    DeviceContext = CpuDeviceContext.Instance,
    DType = options.DType,
});
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ivvae {options.Preset} {options.DType.TorchName()} threads={TorchRuntime.Threads} libtorch={TorchRuntime.LibTorchVersion} onednn={TorchRuntime.HasOneDnn} mode={options.Mode} video=1x3x{options.Frames}x{options.Size}x{options.Size}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after load: rss {PeakMemory.CurrentMiB():F0} MiB, params {tokenizer.ParameterCount:N0}"));

using var generator = new Generator(7);
using var video = Tensor.Rand(generator, [1, 3, options.Frames, options.Size, options.Size]).MulInPlace(2).SubInPlace(1);

if (options.Mode == "whole")
{
    for (var run = 1; run <= options.Repeat; run++)
    {
        var encode = Measured.Start();
        using var latent = tokenizer.Encode(video, EncodeOptions.Default);
        var encodeTime = encode.Stop();
        var decode = Measured.Start();
        using var recon = tokenizer.Decode(latent, DecodeOptions.Default);
        var decodeTime = decode.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run}: encode {encodeTime}, decode {decodeTime}, latent [{string.Join(",", latent.Shape)}], recon [{string.Join(",", recon.Shape)}], peak rss {PeakMemory.PeakMiB():F0} MiB"));
    }
}
else if (options.Mode == "decode")
{
    // Decode only, from a random latent of the whole clip's shape (skips the encode when profiling the decoder).
    using var latent = Tensor.Randn(generator, [1, tokenizer.Config.ZDim, (options.Frames - 1) / 4 + 1, options.Size / 8, options.Size / 8]);
    for (var run = 1; run <= options.Repeat; run++)
    {
        var decode = Measured.Start();
        using var recon = tokenizer.Decode(latent, DecodeOptions.Default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"run {run}: decode {decode.Stop()}, recon [{string.Join(",", recon.Shape)}], peak rss {PeakMemory.PeakMiB():F0} MiB"));
    }
}
else if (options.Mode == "stream")
{
    // Frames arrive 4 at a time (1 first); every latent goes straight to the decoder; nothing is kept.
    var encodeTime = Measured.Zero;
    var decodeTime = Measured.Zero;
    long framesOut = 0;
    using var encodeSession = tokenizer.BeginEncode(EncodeOptions.Default);
    using var decodeSession = tokenizer.BeginDecode(DecodeOptions.Default);
    for (long start = 0; start < options.Frames;)
    {
        var length = start == 0 ? 1 : Math.Min(4, options.Frames - start);
        using var chunk = video.Narrow(2, start, length);
        start += length;
        var sw = Measured.Start();
        using var latent = encodeSession.Push(chunk);
        encodeTime += sw.Stop();
        if (latent is null)
        {
            continue;
        }

        sw = Measured.Start();
        using var frames = decodeSession.Push(latent);
        decodeTime += sw.Stop();
        framesOut += frames?.Size(2) ?? 0;
    }

    encodeSession.Complete();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"streamed {options.Frames} frames -> {framesOut} frames: encode {encodeTime}, decode {decodeTime}, peak rss {PeakMemory.PeakMiB():F0} MiB"));
}
else if (options.Mode == "convs")
{
    ConvLayoutBench.Run(options.Frames, options.Size, 64, options.DType);
}
else if (options.Mode == "resblock")
{
    ResBlockBench.Run(options.Frames, options.Size, 64, options.DType);
}
else
{
    throw new ArgumentException($"unknown mode '{options.Mode}' (whole, decode, stream, convs or resblock)");
}

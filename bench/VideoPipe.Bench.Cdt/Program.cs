using VideoPipe.Bench.Cdt;

var options = BenchOptions.Parse(args);
VideoPipe.Torch.TorchRuntime.SetThreads(options.Threads);
VideoPipe.Torch.Functional.DefaultConvKernel = options.Kernel;
return options.Mode switch
{
    "clip" => ClipBench.Run(options),
    "stream" => StreamBench.Run(options),
    "precision" => PrecisionBench.Run(options),
    _ => throw new ArgumentException($"unknown mode {options.Mode} (clip, stream, precision)"),
};

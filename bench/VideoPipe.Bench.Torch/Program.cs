using System.Globalization;
using VideoPipe.Bench.Torch;

// dotnet run -c Release --project bench/VideoPipe.Bench.Torch -- ops|tiny|sweep [threads] [repeats|calls] [ops: names]
// Prints the same "name key=value" lines as native/bench/vp_bench so the two can be compared directly.
var mode = args.Length > 0 ? args[0] : "ops";
var threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
TorchRuntime.SetThreads(threads);
Console.WriteLine($"binding libtorch {TorchRuntime.LibTorchVersion} threads={TorchRuntime.Threads} mode={mode}");
switch (mode)
{
    case "ops":
        OpBenchmarks.Run(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5, args.Length > 3 ? args[3] : "");
        break;
    case "tiny":
        TinyOpBenchmark.Run(args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "timefold":
        TimeFoldSweep.Run(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        break;
    case "sweep":
        ConvSweep.Run(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5);
        break;
    default:
        Console.Error.WriteLine("usage: VideoPipe.Bench.Torch ops|tiny|sweep [threads] [repeats|calls] [ops: comma-separated names]");
        return 2;
}

return 0;

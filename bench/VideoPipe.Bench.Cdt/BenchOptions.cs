using System.Globalization;
using VideoPipe.Torch;

namespace VideoPipe.Bench.Cdt;

/// <summary>Command line: --preset cdt-small|cdt-base --threads N --frames T --size S --kernel auto|torch --mode clip|stream|precision --dtype float32|bfloat16 --steps N --chunk E.</summary>
public sealed record BenchOptions
{
    public string Preset { get; init; } = "cdt-small";
    public int Threads { get; init; } = 1;
    public int Frames { get; init; } = 9;
    public int Size { get; init; } = 64;
    public ConvKernel Kernel { get; init; } = ConvKernel.Auto;
    public string Mode { get; init; } = "clip";
    public DType DType { get; init; } = DType.Float32;
    public int Steps { get; init; } = 1;
    public int? ChunkFrames { get; init; }
    public string? CaseDir { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            o = args[i] switch
            {
                "--preset" => o with { Preset = v },
                "--threads" => o with { Threads = Int(v) },
                "--frames" => o with { Frames = Int(v) },
                "--size" => o with { Size = Int(v) },
                "--kernel" => o with { Kernel = v == "torch" ? ConvKernel.Torch : ConvKernel.Auto },
                "--mode" => o with { Mode = v },
                "--dtype" => o with { DType = DTypeExtensions.ParseDType(v) },
                "--steps" => o with { Steps = Int(v) },
                "--chunk" => o with { ChunkFrames = Int(v) },
                "--case" => o with { CaseDir = v },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }

    private static int Int(string v) => int.Parse(v, CultureInfo.InvariantCulture);
}

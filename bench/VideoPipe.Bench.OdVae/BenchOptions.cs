using System.Globalization;
using VideoPipe.Torch;

namespace VideoPipe.Bench.OdVae;

/// <summary>
/// Command line: --frames N --size S --threads N --op encode|decode|both|profile|variants --tiling off|default|S,Sl,St,Slt,f
/// --dtype float32|bfloat16 --repeat N --preset P
/// </summary>
internal sealed record BenchOptions
{
    public int Frames { get; init; } = 17;
    public int Size { get; init; } = 128;
    public int Threads { get; init; } = 2;
    public string Op { get; init; } = "both";
    public bool Tiling { get; init; }

    /// <summary>Explicit tile_sample_min_size, tile_latent_min_size, tile_sample_min_size_t, tile_latent_min_size_t, tile_overlap_factor.</summary>
    public string[]? TileValues { get; init; }
    public DType DType { get; init; } = DType.Float32;
    public int Repeat { get; init; } = 1;
    public string Preset { get; init; } = "odvae-v1.2";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            o = args[i] switch
            {
                "--frames" => o with { Frames = int.Parse(value, CultureInfo.InvariantCulture) },
                "--size" => o with { Size = int.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => o with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--op" => o with { Op = value },
                "--tiling" => value switch
                {
                    "off" => o with { Tiling = false },
                    "default" => o with { Tiling = true },
                    _ => o with { Tiling = true, TileValues = value.Split(',') },
                },
                "--dtype" => o with { DType = DTypeExtensions.ParseDType(value) },
                "--repeat" => o with { Repeat = int.Parse(value, CultureInfo.InvariantCulture) },
                "--preset" => o with { Preset = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return o;
    }
}

using System.Globalization;
using VideoPipe.Torch;

namespace VideoPipe.Bench.IvVae;

/// <summary>Command line: --mode whole|decode|stream --preset P --frames T --size S --threads N --dtype D --repeat R.</summary>
internal sealed record BenchOptions(string Mode, string Preset, int Frames, int Size, int Threads, DType DType, int Repeat)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = "whole", ["preset"] = "z16_dim64", ["frames"] = "17", ["size"] = "128", ["threads"] = "2", ["dtype"] = "float32", ["repeat"] = "2",
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length || !values.ContainsKey(args[i][2..]))
            {
                throw new ArgumentException($"unknown or incomplete argument '{args[i]}' (known: {string.Join(", ", values.Keys.Select(k => "--" + k))})");
            }

            values[args[i][2..]] = args[++i];
        }

        int Int(string key) => int.Parse(values[key], CultureInfo.InvariantCulture);
        return new BenchOptions(values["mode"], values["preset"], Int("frames"), Int("size"), Int("threads"), DTypeExtensions.ParseDType(values["dtype"]), Int("repeat"));
    }
}

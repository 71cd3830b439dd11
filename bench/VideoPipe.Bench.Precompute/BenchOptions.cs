using System.Globalization;

namespace VideoPipe.Bench.Precompute;

/// <summary>
/// Command line: --model tiny|released --videos N --clips N --clip-frames N --size S --threads N --repeat N
/// --decode-workers N --decode-nice N --work DIR --golden DIR --costs
/// </summary>
internal sealed record BenchOptions
{
    /// <summary>tiny: the OD-VAE golden config and weights; released: the odvae-v1.2 preset with seeded random weights.</summary>
    public string Model { get; init; } = "tiny";

    public int Videos { get; init; } = 4;

    /// <summary>Clips per video (the videos are exactly this many clips long).</summary>
    public int Clips { get; init; } = 3;

    public int ClipFrames { get; init; } = 17;

    public int Size { get; init; } = 128;

    public int Threads { get; init; } = 2;

    /// <summary>Interleaved (encoder alone, end to end) pairs.</summary>
    public int Repeat { get; init; } = 3;

    public int DecodeWorkers { get; init; } = 2;

    /// <summary>Nice value of the decoding ffmpeg processes (null: the precompute default).</summary>
    public int? DecodeNice { get; init; }

    /// <summary>Scratch folder for the videos and outputs (default: a new temp folder, removed at the end).</summary>
    public string? Work { get; init; }

    /// <summary>The golden case folder of the tiny model (default: ../shared/goldens/odvae/case1 beside the checkout).</summary>
    public string? Golden { get; init; }

    /// <summary>Also time each per-video and per-clip cost of the pipeline on its own.</summary>
    public bool Costs { get; init; }

    public int TotalClips => Videos * Clips;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--costs")
            {
                o = o with { Costs = true };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} needs a value");
            }

            var value = args[++i];
            o = args[i - 1] switch
            {
                "--model" => o with { Model = value is "tiny" or "released" ? value : throw new ArgumentException("--model: tiny or released") },
                "--videos" => o with { Videos = Int(value) },
                "--clips" => o with { Clips = Int(value) },
                "--clip-frames" => o with { ClipFrames = Int(value) },
                "--size" => o with { Size = Int(value) },
                "--threads" => o with { Threads = Int(value) },
                "--repeat" => o with { Repeat = Int(value) },
                "--decode-workers" => o with { DecodeWorkers = Int(value) },
                "--decode-nice" => o with { DecodeNice = Int(value) },
                "--work" => o with { Work = value },
                "--golden" => o with { Golden = value },
                _ => throw new ArgumentException($"unknown option {args[i - 1]}"),
            };
        }

        return o;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}

using System.Text.Json.Nodes;
using VideoPipe.Engine;
using VideoPipe.Engine.Stages;

namespace VideoPipe.Jobs;

/// <summary>
/// The reconstruction graph, built in code: source -> decode -> chunk -> encode -> decode-latents -> stitch ->
/// write (+ metrics against the source). Exact-streaming families get sessions and causal chunks, others overlap
/// tiling with their card's defaults. The whole-clip variant (seam report) encodes and decodes the clip as one
/// tile into a lossless file.
/// </summary>
public static class ReconstructGraph
{
    public const int DefaultStreamingTileFrames = 17;

    private const string Tokenizer = "model";

    public static ReconstructPlan Resolve(ReconstructRequest request, ComponentSet components)
    {
        var (family, preset) = TokenizerLookup.Find(request.Tokenizer, components.Families.Values);
        var card = family.DescribePreset(preset ?? throw new ArgumentException($"family '{family.Family}' offers no preset to describe it"));
        // A family id names the family's config (--config), described by its first preset's card; only a preset is passed on.
        var named = family.Presets.Contains(request.Tokenizer, StringComparer.Ordinal) ? preset : null;
        CardSettings.RequireDeclared(card, request.Settings.Keys, "--setting");
        return new ReconstructPlan(family.Family, named, card, request.TileFrames);
    }

    /// <param name="losslessCopy">Also write the stitched frames losslessly to this file (the seam report's streamed copy).</param>
    public static PipelineDefinition Streamed(ReconstructRequest request, ReconstructPlan plan, string? losslessCopy)
    {
        var builder = Common(request, plan, plan.Streaming, plan.Streaming ? "causal" : "overlap", plan.TileFrames, plan.OverlapFrames);
        var write = new JsonObject { ["file"] = StandardStreams.IsDash(request.Output) ? request.Output : Path.GetFullPath(request.Output) };
        if (request.Lossless)
        {
            write["encoding"] = LosslessEncoding;
        }

        if (request.Format is { } format)
        {
            write["format"] = format;
        }

        builder.Stage("write", "write", "stitch", write);
        if (losslessCopy is not null)
        {
            builder.Stage("seam-copy", "write", "stitch", Lossless(losslessCopy));
        }

        return Metrics(builder, request.MetricsDirectory).Build();
    }

    /// <summary>The clip as one tile (one Encode and one Decode call, no sessions), written losslessly to <paramref name="file"/>.</summary>
    public static PipelineDefinition WholeClip(ReconstructRequest request, ReconstructPlan plan, string file, string metricsDirectory)
    {
        var builder = Common(request, plan, streaming: false, "overlap", tileFrames: 0, overlapFrames: 0);
        builder.Stage("write", "write", "stitch", Lossless(file));
        return Metrics(builder, metricsDirectory).Build();
    }

    private static PipelineBuilder Common(ReconstructRequest request, ReconstructPlan plan, bool streaming, string mode, int tileFrames, int overlapFrames)
    {
        var decodeLatents = new JsonObject { ["tokenizer"] = Tokenizer, ["streaming"] = streaming, ["settings"] = FamilySettingsJson.Of(request.Settings) };
        if (request.Seed is { } seed)
        {
            decodeLatents["seed"] = seed;
        }

        var input = StandardStreams.IsDash(request.Input) ? request.Input : Path.GetFullPath(request.Input);
        return new PipelineBuilder("stream-reconstruct", Environment.CurrentDirectory)
            .Defaults(request.Device, request.DType, capacity: 2)
            .Tokenizer(Tokenizer, plan.Family, plan.Preset, Path.GetFullPath(request.WeightsPath), request.ConfigPath is { } c ? Path.GetFullPath(c) : null, null)
            .Stage("source", "source", null, new JsonObject { ["files"] = new JsonArray(input) })
            .Stage("decode", "decode", "source", new JsonObject { ["sizeMultiple"] = Math.Max(1, plan.Card.SpatialAlignment), ["blockFrames"] = 16 })
            .Stage("chunk", "chunk", "decode", new JsonObject { ["tokenizer"] = Tokenizer, ["mode"] = mode, ["tileFrames"] = tileFrames, ["overlapFrames"] = overlapFrames })
            .Stage("encode", "encode", "chunk", new JsonObject { ["tokenizer"] = Tokenizer, ["posterior"] = "mean", ["streaming"] = streaming, ["settings"] = FamilySettingsJson.Of(request.Settings) })
            .Stage("decode-latents", "decode-latents", "encode", decodeLatents)
            .Stage("stitch", "stitch", "decode-latents", new JsonObject { ["overlap"] = request.Overlap ?? (plan.Card.BlendTileOverlap ? "blend" : "drop") });
    }

    private static PipelineBuilder Metrics(PipelineBuilder builder, string? directory) =>
        directory is null ? builder : builder.Stage("metrics", "metrics", "stitch", new JsonObject { ["directory"] = Path.GetFullPath(directory) });

    /// <summary>Write options for a lossless file.</summary>
    private static JsonObject Lossless(string file) => new() { ["file"] = file, ["encoding"] = LosslessEncoding };

    private const string LosslessEncoding = "lossless-ffv1";
}

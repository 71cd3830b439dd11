using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>A dataset setting that does not suit the tokenizer, named by its dataset option.</summary>
public sealed record DatasetSettingsProblem(string Option, string Message);

/// <summary>
/// The one check of a dataset's settings against its tokenizer's card (frame rule, spatial alignment, buckets, the
/// family's declared setting keys): the
/// pipeline validator reports each problem at its JSON path before anything runs, and a dataset refuses to open with any.
/// </summary>
public static class DatasetSettingsCheck
{
    public static IReadOnlyList<DatasetSettingsProblem> Problems(PrecomputeOptions options, TokenizerCard card)
    {
        var problems = new List<DatasetSettingsProblem>();
        try
        {
            options.Windowing(card.FrameRule).Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add(new DatasetSettingsProblem("clipFrames", e.Message));
        }

        var alignment = card.SpatialAlignment;
        if (options.Size is { } size && (size.Width % alignment != 0 || size.Height % alignment != 0))
        {
            problems.Add(new DatasetSettingsProblem("size", $"{size} must be a multiple of {card.Family} {card.Variant}'s spatial alignment {alignment}"));
        }

        if (options.Buckets.Count > 0 && options.Size is not null)
        {
            problems.Add(new DatasetSettingsProblem("buckets", "--buckets and --size exclude each other: buckets choose the size per source"));
        }

        foreach (var bucket in options.Buckets)
        {
            if (bucket.Size.Width % alignment != 0 || bucket.Size.Height % alignment != 0)
            {
                problems.Add(new DatasetSettingsProblem("buckets", $"bucket {bucket}: {bucket.Size} must be a multiple of {card.Family} {card.Variant}'s spatial alignment {alignment}"));
            }

            if (bucket.ClipFrames(card.FrameRule) is { } frames && (frames < 1 || frames > options.MaxClipFrames))
            {
                problems.Add(new DatasetSettingsProblem("buckets", $"bucket {bucket}: {bucket.Frames} frames fit the frame rule {card.FrameRule} as {frames}, which must be in 1..{options.MaxClipFrames}"));
            }
        }

        problems.AddRange(CardSettings.Undeclared(card, options.TokenizerSettings.Keys).Select(p => new DatasetSettingsProblem("settings", p)));

        return problems;
    }
}

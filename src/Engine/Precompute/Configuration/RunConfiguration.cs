using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VideoPipe.Abstractions;
using VideoPipe.Torch;
using VideoPipe.Engine;

namespace VideoPipe.Precompute;

/// <summary>
/// The resolved settings that decide what the latents contain, and their fingerprint. Two runs with the same
/// fingerprint produce interchangeable outputs; the fingerprint is part of every output path, so a changed setting
/// never silently mixes with old latents. Where the work runs (device, shard count, format) is not part of it.
/// </summary>
public sealed class RunConfiguration
{
    public RunConfiguration(PrecomputeOptions options, TokenizerCard card, string? tokenizerConfigJson, string weightsIdentity)
    {
        Options = options;
        Card = card;
        Windowing = options.Windowing(card.FrameRule);
        WeightsIdentity = weightsIdentity;
        Settings = new JsonObject
        {
            ["tokenizer_family"] = card.Family,
            ["tokenizer_preset"] = card.Variant,
            ["tokenizer_version"] = card.Version,
            ["tokenizer_config"] = tokenizerConfigJson is null ? null : CanonicalJson.Sort(JsonNode.Parse(tokenizerConfigJson)),
            ["weights_sha256"] = weightsIdentity,
            ["model_dtype"] = options.ModelDType.TorchName(),
            ["latent_dtype"] = options.LatentDType.TorchName(),
            ["clip_frames"] = options.ClipFrames,
            ["clip_stride"] = options.ClipFrames is null ? null : Windowing.Stride,
            ["fps"] = options.Fps,
            ["size"] = options.Size?.ToString(),
            ["buckets"] = options.Buckets.Count == 0 ? null : new JsonArray(options.Buckets.Select(b => (JsonNode?)b.Name).ToArray()),
            ["crop"] = options.Crop.ToString().ToLowerInvariant(),
            ["posterior"] = options.Posterior.ToString().ToLowerInvariant(),
            ["seed"] = options.Posterior == PosteriorMode.Sample ? options.Seed : null,
            ["scaled"] = options.Scaled,
            ["scaling_scale"] = card.Scaling.Scale,
            ["scaling_shift"] = card.Scaling.Shift,
            ["tiling"] = TilingSettings(card, options),
        };
        var canonical = CanonicalJson.Serialize(Settings);
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("videopipe.precompute.v1\n" + canonical)));
    }

    public PrecomputeOptions Options { get; }

    public TokenizerCard Card { get; }

    public ClipWindowing Windowing { get; }

    /// <summary>
    /// True when a whole-video clip goes through the tokenizer's exact streaming encode session chunk by chunk (never
    /// held whole, no frame cap): the family streams exactly and the posterior is deterministic (a sample's noise
    /// is drawn per session call, so a sampled whole video is encoded whole, under the cap).
    /// </summary>
    public bool StreamsWholeVideos => Card.ExactCausalStreaming && Options.Posterior != PosteriorMode.Sample;

    public string WeightsIdentity { get; }

    /// <summary>The fingerprinted settings, as recorded in configs/&lt;fp&gt;.json.</summary>
    public JsonObject Settings { get; }

    /// <summary>SHA-256 (hex) of the canonical settings.</summary>
    public string Fingerprint { get; }

    /// <summary>The fingerprint prefix used in folder names.</summary>
    public string ShortFingerprint => Fingerprint[..16];

    public static JsonObject TilingSettings(TokenizerCard card, PrecomputeOptions options)
    {
        var settings = new JsonObject();
        foreach (var (key, value) in options.TokenizerSettings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            settings[key] = value;
        }

        return new JsonObject
        {
            ["temporal"] = "whole clip in one encode call",
            ["card_tile_frames"] = card.DefaultTileFrames,
            ["card_tile_overlap_frames"] = card.DefaultTileOverlapFrames,
            ["settings"] = settings,
        };
    }

    /// <summary>The document written to configs/&lt;fp&gt;.json: settings plus where they came from.</summary>
    public JsonObject Describe() => new()
    {
        ["config_fingerprint"] = Fingerprint,
        ["settings"] = CanonicalJson.Sort(Settings),
        ["input"] = Options.Input,
        ["format"] = Options.Format == OutputFormat.WebDataset ? "wds" : "safetensors",
        ["frame_rule"] = Card.FrameRule.ToString(),
        ["spatial_alignment"] = Card.SpatialAlignment.ToString(CultureInfo.InvariantCulture),
    };
}

namespace VideoPipe.Plugins.Cdt;

/// <summary>The released models (upstream load_cdt_base / load_cdt_small; checkpoints cdt_base.ckpt / cdt_small.ckpt).</summary>
public static class CdtPresets
{
    public const string Base = "cdt-base";
    public const string Small = "cdt-small";

    public static IReadOnlyList<string> Names { get; } = [Base, Small];

    public static CdtConfig Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        Base or "base" => new CdtConfig
        {
            Variant = "base",
            SpaceDown = [0, 1, 1, 1],
            OutChannels = 16,
            LatentDim = 16,
            ContextDim = 128,
            UnetDim = 64,
            NewUpsample = true,
        },
        Small or "small" => new CdtConfig
        {
            Variant = "small",
            SpaceDown = [1, 1, 1, 0],
            OutChannels = 3,
            LatentDim = 16,
            ContextDim = 64,
            UnetDim = 64,
            NewUpsample = false,
        },
        _ => throw new ArgumentException($"unknown CDT preset '{name}' (known: {string.Join(", ", Names)})"),
    };
}

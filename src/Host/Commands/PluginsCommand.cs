using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Torch;

namespace VideoPipe.Host;

internal static class PluginsCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "machine-readable output" };
        var plugins = SharedOptions.Plugins();
        var list = new Command("list", "Installed plugins: id, version, families with each preset's card, stage types; and folders that failed to load.") { json, plugins };
        list.SetAction(async (parse, _) =>
        {
            using var host = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], quiet: true).Build();
            await using var catalog = host.Services.GetRequiredService<PluginCatalog>();
            catalog.Refresh();
            var report = Describe(catalog);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            else
            {
                PrintText(report);
            }

            return 0;
        });
        return new Command("plugins", "Plugin commands.") { list };
    }

    private sealed record PluginReport(IReadOnlyList<PluginEntry> Plugins, IReadOnlyList<PluginLoadFailure> Failures);

    private sealed record PluginEntry(string Id, string Version, string Folder, IReadOnlyList<FamilyEntry> Families, IReadOnlyList<string> StageTypes);

    private sealed record FamilyEntry(string Family, IReadOnlyList<CardEntry> Presets);

    private sealed record CardEntry(string Preset, string Variant, string Version, int TemporalCompression, int SpatialCompression, string FrameRule,
        int SpatialAlignment, int LatentChannels, double Scale, double Shift, bool ScaledOutputs, bool ExactCausalStreaming, bool GenerativeDecode,
        IReadOnlyList<string> DTypes, IReadOnlyList<string> Devices, int DefaultTileFrames, int DefaultTileOverlapFrames, IReadOnlyDictionary<string, string> Settings, string? Error);

    private static PluginReport Describe(PluginCatalog catalog) => new(
        catalog.Plugins.Select(p => new PluginEntry(p.Manifest.Id, p.Manifest.Version, p.Folder,
            p.Families.Select(f => new FamilyEntry(f.Family, f.Presets.Select(preset => Card(f, preset)).ToList())).ToList(),
            p.StageTypes.Select(s => s.Name).ToList())).ToList(),
        catalog.Failures);

    private static CardEntry Card(ITokenizerFamily family, string preset)
    {
        try
        {
            var c = family.DescribePreset(preset);
            return new CardEntry(preset, c.Variant, c.Version, c.TemporalCompression, c.SpatialCompression, c.FrameRule.ToString(), c.SpatialAlignment,
                c.LatentChannels, c.Scaling.Scale, c.Scaling.Shift, c.Scaling.AppliedInOutputs, c.ExactCausalStreaming, c.GenerativeDecode,
                c.SupportedDTypes.Select(d => d.TorchName()).ToList(), c.SupportedDevices.Select(d => d.ToString().ToLowerInvariant()).ToList(),
                c.DefaultTileFrames, c.DefaultTileOverlapFrames, c.Settings, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new CardEntry(preset, "", "", 0, 0, "", 0, 0, 0, 0, false, false, false, [], [], 0, 0, new Dictionary<string, string>(), e.Message);
        }
    }

    private static void PrintText(PluginReport report)
    {
        if (report.Plugins.Count == 0)
        {
            Console.WriteLine("no plugins loaded");
        }

        foreach (var plugin in report.Plugins)
        {
            Console.WriteLine($"{plugin.Id} {plugin.Version}  ({plugin.Folder})");
            foreach (var family in plugin.Families)
            {
                Console.WriteLine($"  family {family.Family}");
                foreach (var c in family.Presets)
                {
                    Console.WriteLine(c.Error is not null
                        ? $"    {c.Preset}: cannot describe: {c.Error}"
                        : $"    {c.Preset}: {c.Variant} v{c.Version}, {c.TemporalCompression}x{c.SpatialCompression}x{c.SpatialCompression}, frames {c.FrameRule}, align {c.SpatialAlignment}, {c.LatentChannels} ch, scale {c.Scale} shift {c.Shift}{(c.ScaledOutputs ? " (applied)" : "")}, {(c.ExactCausalStreaming ? "exact streaming" : $"tiles {c.DefaultTileFrames}/{c.DefaultTileOverlapFrames}")}, {(c.GenerativeDecode ? "generative decode, " : "")}{string.Join("/", c.DTypes)} on {string.Join("/", c.Devices)}");
                }

                // every preset of a family reads the same settings; their descriptions once, after the presets
                var settings = family.Presets.Where(c => c.Error is null).SelectMany(c => c.Settings).DistinctBy(kv => kv.Key).ToList();
                if (settings.Count > 0)
                {
                    Console.WriteLine("    settings (--setting key=value, or \"settings\" of an encode or decode-latents stage):");
                    foreach (var (key, description) in settings)
                    {
                        Console.WriteLine($"      {key}: {description}");
                    }
                }
            }

            if (plugin.StageTypes.Count > 0)
            {
                Console.WriteLine($"  stage types: {string.Join(", ", plugin.StageTypes)}");
            }
        }

        foreach (var failure in report.Failures)
        {
            Console.WriteLine($"failed: {failure.Folder}: {failure.Reason}");
        }
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.Conformance;

/// <summary>The kit's plugin check: the family's staged plugin folder loads in the host's catalog, runs, hot-reloads and unloads.</summary>
public abstract partial class TokenizerConformanceTests
{
    [Fact]
    public async Task ThePluginFolderLoadsRunsReloadsAndItsOldVersionUnloads()
    {
        var temp = Directory.CreateTempSubdirectory("vp-kit-plugin-").FullName;
        try
        {
            var folder = Path.Combine(temp, "plugins", Family.Family);
            CopyFolder(StagedPluginFolder(Family.Family), folder);
            await using var catalog = new PluginCatalog(Options.Create(new PluginOptions
            {
                Directories = [Path.Combine(temp, "plugins")],
                ShadowRoot = Path.Combine(temp, "shadow"),
                UnloadTimeout = TimeSpan.FromSeconds(30), // alone a replaced version is collected in 0.2 s; beside other tests it has taken up to ~25 s
            }), NullLogger<PluginCatalog>.Instance);
            catalog.Refresh();
            Assert.True(catalog.Failures.Count == 0, string.Join("; ", catalog.Failures));
            var first = Assert.Single(catalog.Plugins).Manifest.Version;
            EncodeThroughTheCatalog(catalog);

            var manifestPath = Path.Combine(folder, PluginManifest.FileName);
            var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
            manifest["version"] = first + "-reloaded";
            File.WriteAllText(manifestPath, manifest.ToJsonString());
            catalog.Refresh(requireStable: true);
            catalog.Refresh(requireStable: true);
            Assert.Equal(first + "-reloaded", Assert.Single(catalog.Plugins).Manifest.Version);
            EncodeThroughTheCatalog(catalog);

            await catalog.UnloadsSettled().WaitAsync(TimeSpan.FromSeconds(60));
            var unload = Assert.Single(catalog.Unloads);
            Assert.Equal(first, unload.Version);
            Assert.True(unload.Collected, $"the old {Family.Family} plugin's load context was not collected");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    private void EncodeThroughTheCatalog(PluginCatalog catalog)
    {
        using var components = catalog.Acquire();
        using var tokenizer = components.Families[Family.Family].Create(new TokenizerRequest
        {
            Config = TinyConfig,
            RandomWeightsSeed = 3,
            DeviceContext = CpuDeviceContext.Instance,
        });
        using var clip = Clip(tokenizer);
        using var latent = tokenizer.Encode(clip, EncodeOptions.Default);
        Assert.Equal(tokenizer.Card.LatentChannels, latent.Size(1));
    }

    /// <summary>The folder the build staged for the plugin offering <paramref name="family"/> (artifacts/plugins/*).</summary>
    private static string StagedPluginFolder(string family)
    {
        var plugins = Repository.Path("artifacts", "plugins");
        foreach (var candidate in Directory.Exists(plugins) ? Directory.EnumerateDirectories(plugins) : [])
        {
            var manifestPath = Path.Combine(candidate, PluginManifest.FileName);
            if (File.Exists(manifestPath) && JsonNode.Parse(File.ReadAllText(manifestPath))?["families"]?.AsArray().Any(f => (string?)f == family) == true)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no staged plugin folder offers '{family}' under {plugins}: build the family's plugin project (its build stages it there)");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

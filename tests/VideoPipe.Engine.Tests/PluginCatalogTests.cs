using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace VideoPipe.Engine.Tests;

public sealed class PluginCatalogTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private PluginCatalog NewCatalog() => new(Options.Create(new PluginOptions
    {
        Directories = [temp.File("plugins")],
        UnloadTimeout = TimeSpan.FromSeconds(20),
        ShadowRoot = temp.File("shadow"),
    }), NullLogger<PluginCatalog>.Instance);

    [Fact]
    public async Task ReplacedPluginServesNewWorkWhileOldWorkFinishesThenTheOldContextIsCollected()
    {
        var folder = temp.File("plugins/test");
        TestPlugins.WritePlugin(folder, "1.0.0");
        await using var catalog = NewCatalog();
        catalog.Refresh();
        var inFlight = new RunHolder(catalog);
        Assert.Equal("1.0.0", inFlight.CardVersion());

        // Replace the folder in place (possible because the loaded copy is a shadow copy).
        TestPlugins.WritePlugin(folder, "2.0.0");
        catalog.Refresh(requireStable: true);
        Assert.Equal("1.0.0", NewWorkCardVersion(catalog));
        catalog.Refresh(requireStable: true);
        Assert.Equal("2.0.0", NewWorkCardVersion(catalog));
        Assert.Equal("marker stage 2.0.0", MarkerDescription(catalog));

        // The old version keeps serving the run that started on it, and is not unloaded yet.
        Assert.Equal("1.0.0", inFlight.CardVersion());
        await Task.Delay(100);
        Assert.Empty(catalog.Unloads);

        inFlight.Finish();
        await catalog.UnloadsSettled().WaitAsync(TimeSpan.FromSeconds(60));
        var unload = Assert.Single(catalog.Unloads);
        Assert.Equal("1.0.0", unload.Version);
        Assert.True(unload.Collected, "the old plugin's load context was not collected");
        Assert.Equal("2.0.0", Assert.Single(catalog.Plugins).Manifest.Version);
    }

    [Fact]
    public async Task BrokenPluginsAreReportedAndSkipped()
    {
        TestPlugins.WritePlugin(temp.File("plugins/good"), "1.0.0", dependencyFolder: temp.File("helper"));
        TestPlugins.WritePlugin(temp.File("plugins/throws"), "1.0.0", "throw new InvalidOperationException(\"boom\");");
        Directory.CreateDirectory(temp.File("plugins/missing-dependency"));
        foreach (var file in new[] { "TestPlugin.dll", "plugin.json" })
        {
            File.Copy(temp.File($"plugins/good/{file}"), temp.File($"plugins/missing-dependency/{file}"));
        }

        Directory.CreateDirectory(temp.File("plugins/bad-manifest"));
        File.WriteAllText(temp.File("plugins/bad-manifest/plugin.json"), "{ \"id\": ");
        Directory.CreateDirectory(temp.File("plugins/missing-assembly"));
        File.WriteAllText(temp.File("plugins/missing-assembly/plugin.json"), """{ "id": "x", "version": "1", "families": [], "entryType": "X.Entry", "assembly": "X.dll" }""");
        await using var catalog = NewCatalog();

        catalog.Refresh();

        var loaded = Assert.Single(catalog.Plugins);
        Assert.EndsWith("good", loaded.Folder);
        Assert.Equal("from helper", NewWorkNote(catalog));
        var failures = catalog.Failures.ToDictionary(f => Path.GetFileName(f.Folder), f => f.Reason);
        Assert.Equal(["bad-manifest", "missing-assembly", "missing-dependency", "throws"], failures.Keys.Order());
        Assert.Contains("is not valid JSON", failures["bad-manifest"]);
        Assert.Contains("assembly 'X.dll' named in plugin.json is not in the folder", failures["missing-assembly"]);
        Assert.Contains("Helper", failures["missing-dependency"]);
        Assert.Contains("TestPlugin.Entry threw InvalidOperationException: boom", failures["throws"]);

        // A failed folder is retried once it changes (here it then clashes with the good plugin's family).
        catalog.Refresh();
        Assert.Equal(failures["throws"], catalog.Failures.Single(f => f.Folder.EndsWith("throws")).Reason);
        TestPlugins.WritePlugin(temp.File("plugins/throws"), "1.0.1");
        catalog.Refresh();
        Assert.Contains("family 'testfam' is already provided by plugin test-plugin", catalog.Failures.Single(f => f.Folder.EndsWith("throws")).Reason);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string NewWorkCardVersion(PluginCatalog catalog)
    {
        using var set = catalog.Acquire();
        return set.Families["testfam"].DescribePreset("tiny").Version;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string NewWorkNote(PluginCatalog catalog)
    {
        using var set = catalog.Acquire();
        return set.Families["testfam"].DescribePreset("tiny").Notes["note"];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string MarkerDescription(PluginCatalog catalog)
    {
        using var set = catalog.Acquire();
        return set.StageTypes["marker"].Description;
    }

    /// <summary>Stands for a run in flight: holds its component set (and so the plugin version) until finished.</summary>
    private sealed class RunHolder(PluginCatalog catalog)
    {
        private ComponentSet? set = catalog.Acquire();

        [MethodImpl(MethodImplOptions.NoInlining)]
        public string CardVersion() => set!.Families["testfam"].DescribePreset("tiny").Version;

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Finish()
        {
            set!.Dispose();
            set = null;
        }
    }
}

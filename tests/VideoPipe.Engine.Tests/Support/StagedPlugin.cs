using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Engine.Tests;

/// <summary>A plugin catalog over one plugin the build staged in artifacts/plugins, shadow-copied into a test folder.</summary>
internal static class StagedPlugin
{
    public static PluginCatalog OpenCatalog(string folder, TempDirectory temp)
    {
        var catalog = new PluginCatalog(Options.Create(new PluginOptions
        {
            Directories = [Repository.Path("artifacts", "plugins", folder)],
            ShadowRoot = temp.File("shadow"),
        }), NullLogger<PluginCatalog>.Instance);
        catalog.Refresh();
        Assert.True(catalog.Failures.Count == 0, string.Join("; ", catalog.Failures));
        return catalog;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>
/// Builds the Generic Host the commands run in: logging (plain lines unless --log-format json, always on
/// stderr), options, the device manager, the plugin catalog and the pipeline runner.
/// </summary>
public static class VideoPipeHost
{
    /// <param name="quiet">One-shot commands (validate, plugins, verify) log warnings and errors only.</param>
    public static HostApplicationBuilder CreateBuilder(IEnumerable<string> pluginDirectories, TimeSpan? grace = null, bool quiet = false)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(quiet || Terminal.IsInteractive ? LogLevel.Warning : LogLevel.Information);
        builder.Logging.AddVideoPipeConsole();

        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var directories = pluginDirectories.Concat(PluginOptions.FromEnvironment()).Concat(PluginOptions.DefaultDirectories()).ToList();
        builder.Services.Configure<PluginOptions>(o => o.Directories = directories);
        var shutdownGrace = grace ?? new ShutdownOptions().Grace;
        builder.Services.Configure<ShutdownOptions>(o => o.Grace = shutdownGrace);
        // The host waits for the pipeline to drain for the grace period, then for aborted work to clean up.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownGrace + TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<ExitCodeHolder>();
        builder.Services.AddSingleton<DeviceManager>();
        builder.Services.AddSingleton<PipelineRunner>();
        builder.Services.AddSingleton<PluginCatalog>();
        builder.Services.AddSingleton<IComponentCatalog>(sp => sp.GetRequiredService<PluginCatalog>());
        return builder;
    }

    /// <summary>Runs a host until its service stops it (or a signal does) and returns the exit code it decided.</summary>
    public static async Task<int> RunAsync(IHost host)
    {
        // RunAsync disposes the host, so take what is needed afterwards first.
        var catalog = host.Services.GetRequiredService<PluginCatalog>();
        var exitCode = host.Services.GetRequiredService<ExitCodeHolder>();
        catalog.Refresh();
        await host.RunAsync();
        await catalog.DisposeAsync();
        return exitCode.Code;
    }
}

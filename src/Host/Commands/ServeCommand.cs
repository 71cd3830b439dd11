using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipe.Host;

internal static class ServeCommand
{
    public static Command Create()
    {
        var plugins = SharedOptions.Plugins();
        var inbox = new Option<DirectoryInfo>("--inbox") { Description = "folder to watch for pipeline files; results go next to them as <name>.result.json", Required = true };
        var concurrency = new Option<int>("--concurrency") { Description = "pipelines run at once", DefaultValueFactory = _ => 1 };
        var grace = SharedOptions.Grace();
        var command = new Command("serve", "Long-running host: hot-reloads plugins and runs every pipeline dropped into the inbox. Ctrl+C/SIGTERM drains (exit 0) or aborts after --grace (exit 5).")
        {
            plugins, inbox, concurrency, grace,
        };
        command.SetAction(async (parse, _) =>
        {
            var builder = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], TimeSpan.FromSeconds(parse.GetValue(grace)));
            builder.Services.AddSingleton(new ServeRequest(parse.GetValue(inbox)!.FullName, Math.Max(1, parse.GetValue(concurrency)), TimeSpan.FromMilliseconds(500)));
            builder.Services.AddHostedService<ServeService>();
            return await VideoPipeHost.RunAsync(builder.Build());
        });
        return command;
    }
}

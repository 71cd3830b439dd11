using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace VideoPipe.Host;

internal static class RunCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<FileInfo>("pipeline") { Description = "pipeline JSON file" };
        var set = SharedOptions.Set();
        var plugins = SharedOptions.Plugins();
        var grace = SharedOptions.Grace();
        var report = new Option<string?>("--report") { Description = "also write the result as JSON to this file" };
        var command = new Command("run", "Validate and run a pipeline. Exit: 0 done, 1 failed, 2 invalid, 3 some items quarantined, 4 stopped after draining, 5 aborted.")
        {
            pipeline, set, plugins, grace, report,
        };
        command.SetAction(async (parse, _) =>
        {
            var builder = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], TimeSpan.FromSeconds(parse.GetValue(grace)));
            builder.Services.AddSingleton(new RunRequest(parse.GetValue(pipeline)!.FullName, parse.GetValue(set) ?? [], parse.GetValue(report)));
            builder.Services.AddHostedService<PipelineRunService>();
            return await VideoPipeHost.RunAsync(builder.Build());
        });
        return command;
    }
}

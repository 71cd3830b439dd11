using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using VideoPipe.Engine;

namespace VideoPipe.Host;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<FileInfo>("pipeline") { Description = "pipeline JSON file" };
        var set = SharedOptions.Set();
        var plugins = SharedOptions.Plugins();
        var command = new Command("validate", "Check a pipeline without running it: every error with its JSON path and what would be valid (exit 2 when invalid).")
        {
            pipeline, set, plugins,
        };
        command.SetAction(async (parse, _) =>
        {
            using var host = VideoPipeHost.CreateBuilder(parse.GetValue(plugins) ?? [], quiet: true).Build();
            await using var catalog = host.Services.GetRequiredService<PluginCatalog>();
            catalog.Refresh();
            try
            {
                var (definition, errors) = PipelineParser.LoadFile(parse.GetValue(pipeline)!.FullName, parse.GetValue(set) ?? []);
                if (definition is not null)
                {
                    using var components = catalog.Acquire();
                    errors.AddRange(PipelineValidator.Validate(definition, components));
                }

                foreach (var error in errors)
                {
                    Console.WriteLine(error);
                }

                Console.WriteLine(errors.Count == 0 ? "valid" : $"invalid: {errors.Count} error(s)");
                return errors.Count == 0 ? 0 : (int)PipelineOutcome.Invalid;
            }
            catch (Exception e) when (e is PipelineFormatException or IOException)
            {
                Console.WriteLine(e.Message);
                return (int)PipelineOutcome.Invalid;
            }
        });
        return command;
    }
}

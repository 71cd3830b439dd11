using System.CommandLine;

namespace VideoPipe.Host;

/// <summary>The top-level commands, one line each.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return VersionCommand.Create();
        yield return ProbeCommand.Create();
        yield return CheckpointCommand.Create();
        yield return PrecomputeCommand.Create();
        yield return LatentsCommand.Create();
        yield return RunCommand.Create();
        yield return ValidateCommand.Create();
        yield return PluginsCommand.Create();
        yield return VerifyCommand.Create();
        yield return ServeCommand.Create();
        yield return ReconstructCommand.Create();
        yield return BaselineCommand.Create();
        yield return CompareCommand.Create();
        yield return TrainCommand.Create();
    }
}

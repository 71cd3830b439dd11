namespace VideoPipe.Plugins.Regen.Diffusion;

/// <summary>The process a configuration trains and samples with.</summary>
public static class DiffusionProcesses
{
    public static IDiffusionProcess For(RegenConfig config) => config.Prediction switch
    {
        Prediction.Velocity => new FlowMatching(),
        Prediction.Deterministic => new DirectRegression(),
        _ => new DdpmProcess(config.NumTimesteps, config.BetaStart, config.BetaEnd, config.Prediction),
    };
}

namespace VideoPipe.Jobs.Training;

/// <summary>The optimizer; weight decay never applies to the parameters a family marks NoWeightDecay.</summary>
public sealed class OptimizerOptions
{
    /// <summary>"adamw", "adam" or "sgd".</summary>
    public string Type { get; set; } = "adamw";

    public double Lr { get; set; } = 1e-4;

    public List<double> Betas { get; set; } = [0.9, 0.999];

    public double Eps { get; set; } = 1e-8;

    public double WeightDecay { get; set; } = 0.01;

    /// <summary>SGD only.</summary>
    public double Momentum { get; set; }
}

using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>The one rule for which parameters a family trains and which get no weight decay.</summary>
public static class TrainableParameters
{
    /// <summary>
    /// Every floating-point parameter of <paramref name="model"/> in named_parameters() order; vectors (biases, norm
    /// scales and shifts) get no weight decay, as the usual AdamW parameter groups do.
    /// </summary>
    public static IReadOnlyList<TrainableParameter> Of(Module model) =>
        model.NamedParameters()
            .Where(p => p.Slot.Value.DType.IsFloatingPoint())
            .Select(p => new TrainableParameter(p.Name, p.Slot.Value, NoWeightDecay: p.Slot.Value.Dim <= 1))
            .ToList();

    /// <summary>Enters or leaves training: parameters become autograd leaves (or stop requiring grad) and training-only behaviour follows.</summary>
    public static void SetTraining(Module model, bool training)
    {
        model.SetRequiresGrad(training);
        model.Train(training);
    }
}

using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// One trainable tensor. <see cref="NoWeightDecay"/> is the family's declaration that weight decay must not
/// apply (biases, norm scales and shifts, embeddings).
/// </summary>
public sealed record TrainableParameter(string Name, Tensor Value, bool NoWeightDecay)
{
    /// <summary>
    /// The values the model was built with are part of its design (e.g. a zero-initialised modulation that starts as
    /// the identity), so a seeded training init (model.init_seed) leaves them as built.
    /// </summary>
    public bool KeepsItsInitialization { get; init; }
}

using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// One trainable tensor. <see cref="NoWeightDecay"/> is the family's declaration that weight decay must not
/// apply (biases, norm scales and shifts, embeddings).
/// </summary>
public sealed record TrainableParameter(string Name, Tensor Value, bool NoWeightDecay);

using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// A tokenizer that grows from a smaller trained model (ProMAG's progressive growing): the parts both models share
/// take the smaller model's weights, the new parts start from the family's growth initialization.
/// </summary>
public interface IGrowableTokenizer
{
    /// <param name="smallerWeights">The smaller model's state dict.</param>
    /// <param name="smallerConfig">The smaller model's config (the config.json beside its weights), checked when given.</param>
    GrowthReport GrowFrom(IReadOnlyDictionary<string, Tensor> smallerWeights, JsonElement? smallerConfig);
}

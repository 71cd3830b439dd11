using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// A video tokenizer that can start from an image model of the same layout (inflation): parameters with the same
/// shape are copied, 3D kernels take their 2D counterparts as <see cref="InflationMode"/> says, the rest keep
/// their initialization.
/// </summary>
public interface IInflatableTokenizer
{
    /// <param name="imageWeights">The image model's state dict (upstream key names).</param>
    InflationReport InflateFrom(IReadOnlyDictionary<string, Tensor> imageWeights, InflationMode mode);
}

using System.Text.Json;
using VideoPipe.Torch;

namespace VideoPipe.Abstractions;

/// <summary>
/// A tokenizer the one trainer can train. The family owns its training forward; the trainer owns losses it can
/// compute from what the forward returns (reconstruction terms, the posterior's KL) plus any terms the family
/// adds itself (e.g. a diffusion decoder's denoising loss).
/// </summary>
public interface ITrainableTokenizer : ITokenizer
{
    /// <summary>The upstream constructor configuration the model was built from (written beside exported weights).</summary>
    JsonElement Config { get; }

    /// <summary>Trainable parameters (names are state-dict keys), in a stable order.</summary>
    IReadOnlyList<TrainableParameter> Parameters();

    /// <summary>
    /// Enters (true) or leaves (false) training: parameters become autograd leaves that record gradients, and
    /// training-only behaviour (dropout) turns on. Encode/decode stay inference-mode calls.
    /// </summary>
    void SetTraining(bool training);

    /// <summary>One training forward on video [B,3,T,H,W] in [-1,1]; call with grad mode enabled.</summary>
    TrainingForward Forward(Tensor video, TrainingForwardOptions options);

    /// <summary>The full state dict (parameters and buffers, upstream key names), for checkpoints and export.</summary>
    IReadOnlyDictionary<string, Tensor> StateDict();
}

namespace VideoPipe.Torch;

/// <summary>How libtorch treats operations on the calling thread (see <see cref="GradMode"/>).</summary>
public enum AutogradMode
{
    /// <summary>The default: no autograd bookkeeping at all; results are inference tensors (fastest).</summary>
    Inference = 0,

    /// <summary>Operations on tensors that require grad are recorded for <see cref="Tensor.Backward"/>.</summary>
    Grad = 1,

    /// <summary>Normal (non-inference) tensors, nothing recorded: optimizer updates and evaluation inside training.</summary>
    NoGrad = 2,
}

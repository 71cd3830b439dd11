namespace VideoPipe.Plugins.Regen;

/// <summary>What the DiT predicts, which fixes the noise process and the sampler.</summary>
public enum Prediction
{
    /// <summary>Flow matching: x_t = (1-t)·x0 + t·ε, target ε − x0, Euler sampling (our default).</summary>
    Velocity,

    /// <summary>DDPM noise prediction (the paper's stated loss), DDIM sampling.</summary>
    Epsilon,

    /// <summary>DDPM clean-sample prediction, DDIM sampling.</summary>
    X0,
}

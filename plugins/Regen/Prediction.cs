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

    /// <summary>
    /// Not generative: the DiT sees no noise (zeros at time 0) and regresses the clip in one pass, trained with the
    /// trainer's pixel losses. The comparison decoder of docs/regen.md (same encoder, C_e and DiT, same budget).
    /// </summary>
    Deterministic,
}

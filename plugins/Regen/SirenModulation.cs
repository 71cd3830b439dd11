namespace VideoPipe.Plugins.Regen;

/// <summary>How the motion latent modulates the SIREN's sine layers.</summary>
public enum SirenModulation
{
    /// <summary>FiLM inside the sine: sin(ω0·((1+g)·(Ah+b) + c)) (pi-GAN style).</summary>
    Film,

    /// <summary>Amplitude: (1+g)·sin(ω0·(Ah+b)) + c.</summary>
    Amplitude,
}

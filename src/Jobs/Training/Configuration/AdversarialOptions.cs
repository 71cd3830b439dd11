namespace VideoPipe.Jobs.Training;

/// <summary>Hinge GAN with a 3D patch discriminator, adaptively weighted as in Open-Sora-Plan's trainer.</summary>
public sealed class AdversarialOptions
{
    /// <summary>Multiplies the adaptive weight (upstream's discriminator_weight).</summary>
    public double Weight { get; set; } = 0.5;

    /// <summary>The step from which the discriminator trains and the generator term counts.</summary>
    public long StartStep { get; set; }

    public int Channels { get; set; } = 64;

    public int Layers { get; set; } = 3;

    /// <summary>The discriminator's own AdamW learning rate.</summary>
    public double Lr { get; set; } = 1e-4;

    /// <summary>The parameter whose gradients set the adaptive weight; null picks the decoder's last weight.</summary>
    public string? LastLayer { get; set; }
}

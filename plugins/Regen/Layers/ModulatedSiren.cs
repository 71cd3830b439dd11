using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Layers;

/// <summary>
/// M_t: a SIREN over Fourier features of the frame time, modulated per spatial cell by the motion latent. A mapping
/// MLP turns z_m(x, y) into per-layer (g, c); sine layer l computes sin(ω0·((1+g)·(Ah+b) + c)) (FiLM) or
/// (1+g)·sin(ω0·(Ah+b)) + c (amplitude); a linear layer maps to the latent width.
/// </summary>
public sealed class ModulatedSiren : Module
{
    private readonly ModuleList<Linear> sines;
    private readonly Linear output;
    private readonly Linear map1;
    private readonly Linear map2;
    private readonly double omega0;
    private readonly long width;
    private readonly SirenModulation modulation;

    public ModulatedSiren(long inFeatures, long width, int layers, long latentChannels, long mappingHidden, double omega0, SirenModulation modulation)
    {
        this.omega0 = omega0;
        this.width = width;
        this.modulation = modulation;
        sines = Child("sines", new ModuleList<Linear>());
        for (var l = 0; l < layers; l++)
        {
            sines.Add(new Linear(l == 0 ? inFeatures : width, width));
        }

        output = Child("output", new Linear(width, latentChannels));
        map1 = Child("map1", new Linear(latentChannels, mappingHidden));
        map2 = Child("map2", new Linear(mappingHidden, 2 * width * layers));
    }

    public int Layers => sines.Count;

    /// <summary>Sitzmann's initialisation for the sine layers; the last mapping layer starts at zero (unmodulated).</summary>
    public void Initialize(Generator generator)
    {
        for (var l = 0; l < sines.Count; l++)
        {
            var layer = sines[l];
            var fanIn = layer.Weight.Value.Size(1);
            var bound = l == 0 ? 1.0 / fanIn : Math.Sqrt(6.0 / fanIn) / omega0;
            Uniform(layer.Weight.Value, generator, bound);
            Uniform(layer.Bias!.Value, generator, bound);
        }

        map2.Weight.Value.Fill(0);
        map2.Bias!.Value.Fill(0);
    }

    internal static void Uniform(Tensor target, Generator generator, double bound)
    {
        using var scope = DisposeScope.Enter();
        target.CopyFrom((Tensor.Rand(generator, target.Shape) * 2.0 - 1.0) * bound);
    }

    /// <summary>Time features [T, G] and motion latents per cell [B, S, C] → [B, T, S, C].</summary>
    public Tensor Forward(Tensor features, Tensor motion)
    {
        using var scope = DisposeScope.Enter();
        var (b, s) = (motion.Size(0), motion.Size(1));
        var mod = map2.Forward(map1.Forward(motion).Silu()).Reshape(b, 1, s, sines.Count, 2, width);
        var h = features.Reshape(1, features.Size(0), 1, features.Size(1));
        for (var l = 0; l < sines.Count; l++)
        {
            var pre = sines[l].Forward(h);
            var gain = mod.Select(3, l).Select(3, 0) + 1.0;
            var shift = mod.Select(3, l).Select(3, 1);
            h = modulation == SirenModulation.Film
                ? ((pre * gain + shift) * omega0).Sin()
                : (pre * omega0).Sin() * gain + shift;
        }

        return scope.Keep(output.Forward(h));
    }
}

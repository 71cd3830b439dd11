using VideoPipe.Plugins.Regen.Layers;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.Regen.Model;

/// <summary>
/// C_e, the content-aware positional encoding: for every frame time t_f and latent cell (x, y),
/// M_s( content(x, y, f) ⊕ M_t(γ(t_f) | z_m(x, y)) ), where content is z_c repeated over time and, under the
/// SirenReplace rule, the SIREN's own prediction at frame 0. Evaluated once per chunk (it does not depend on the
/// diffusion step).
/// </summary>
public sealed class LatentConditioning : Module
{
    private readonly RegenConfig config;
    private readonly ModulatedSiren siren;
    private readonly Linear project1;
    private readonly Linear? project2;

    public LatentConditioning(RegenConfig config)
    {
        this.config = config;
        long c = config.LatentChannels;
        siren = Child("siren", new ModulatedSiren(FourierFeatures.Dimension(config.FourierFrequencies), config.SirenWidth, config.SirenLayers, c,
            config.ModulationHidden, config.SirenOmega0, config.Modulation));
        project1 = Child("project1", new Linear(2 * c, config.Width));
        if (config.ProjectorLayers == 2)
        {
            project2 = Child("project2", new Linear(config.Width, config.Width));
        }
    }

    public ModulatedSiren Siren => siren;

    /// <summary>
    /// Content and motion latents [B, C, h, w] on the token grid and frame times [T] → conditioning
    /// [B, T·h·w, D] in (frame, row, column) token order.
    /// </summary>
    public Tensor Forward(Tensor content, Tensor motion, Tensor frameTimes)
    {
        using var scope = DisposeScope.Enter();
        var (b, c) = (content.Size(0), content.Size(1));
        var cells = content.Size(2) * content.Size(3);
        var frames = frameTimes.Size(0);
        var motionCells = motion.Flatten(2).Transpose(1, 2);
        var features = FourierFeatures.Encode(frameTimes.To(motion.DType), config.FourierFrequencies);
        var motionStream = siren.Forward(features, motionCells);
        var contentCells = content.Flatten(2).Transpose(1, 2).Unsqueeze(1).Expand(b, frames, cells, c);
        if (config.FirstFrame == FirstFrameMode.SirenReplace)
        {
            var rest = contentCells.Slice(1, 1);
            contentCells = Tensor.Cat([motionStream.Slice(1, 0, 1), rest], 1);
        }

        var joined = Tensor.Cat([contentCells, motionStream], 3);
        var projected = project1.Forward(joined);
        if (project2 is not null)
        {
            projected = project2.Forward(projected.Silu());
        }

        return scope.Keep(projected.Reshape(b, frames * cells, config.Width));
    }
}

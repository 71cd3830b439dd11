namespace VideoPipe.Abstractions;

/// <summary>
/// Which frame counts a tokenizer accepts: <c>First + Step·k</c> frames (k ≥ 0) map to <c>1 + k</c> latent
/// frames. OD-VAE, IV-VAE and CDT use 1 + 4k.
/// </summary>
public sealed record FrameRule(int First, int Step)
{
    public static readonly FrameRule OnePlusFourK = new(1, 4);

    public bool Accepts(long frames) => frames >= First && (frames - First) % Step == 0;

    public long LatentFrames(long frames) =>
        Accepts(frames) ? 1 + (frames - First) / Step : throw new ArgumentException($"{frames} frames do not follow the rule {this}");

    public long FramesFor(long latentFrames) => First + Step * (latentFrames - 1);

    /// <summary>The smallest accepted count ≥ <paramref name="frames"/> (for pad-then-crop tails).</summary>
    public long RoundUp(long frames) => frames <= First ? First : First + (frames - First + Step - 1) / Step * Step;

    /// <summary>The largest accepted count ≤ <paramref name="frames"/>, or 0 when none fits.</summary>
    public long RoundDown(long frames) => frames < First ? 0 : First + (frames - First) / Step * Step;

    /// <summary>Refuses a clip of <paramref name="frames"/> frames the rule does not accept, naming the nearest valid counts.</summary>
    public void Require(long frames, string family)
    {
        if (!Accepts(frames))
        {
            var lower = RoundDown(frames);
            throw new ArgumentException(
                $"{family} encode needs {this} frames, got {frames} (nearest valid: {(lower > 0 ? $"{lower} or " : "")}{RoundUp(frames)}; pad or trim the clip by policy before encoding)");
        }
    }

    public override string ToString() => $"{First}+{Step}k";
}

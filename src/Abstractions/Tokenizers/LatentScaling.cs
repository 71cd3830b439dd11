namespace VideoPipe.Abstractions;

/// <summary>
/// The latent normalisation of a tokenizer: stored = Scale·(z − Shift) when <see cref="AppliedInOutputs"/>.
/// Applied once, at the tokenizer boundary, and recorded in every output.
/// </summary>
public sealed record LatentScaling(double Scale, double Shift, bool AppliedInOutputs)
{
    public static readonly LatentScaling None = new(1.0, 0.0, false);
}

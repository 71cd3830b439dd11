using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.IvVae.Model;

/// <summary>The diagonal Gaussian over unscaled latents: mean and log-variance, each (B, z, t, h, w).</summary>
public sealed class Posterior : IDisposable
{
    public Posterior(Tensor mean, Tensor logVar)
    {
        Mean = mean;
        LogVar = logVar;
    }

    public Tensor Mean { get; }

    public Tensor LogVar { get; }

    /// <summary>The SDK's reparameterised sample, mean + exp(0.5·logvar)·noise (no clamping of the log-variance, as upstream).</summary>
    public Tensor Sample(Tensor unitNoise) => GaussianPosterior.Sample(Mean, LogVar, unitNoise);

    public void Dispose()
    {
        Mean.Dispose();
        LogVar.Dispose();
    }
}

namespace VideoPipe.Torch.Optim;

/// <summary>AdamW (torch.optim.AdamW): Adam with decoupled weight decay, param ← param·(1 − lr·wd) before the update.</summary>
public sealed class AdamW : Adam
{
    public AdamW(IEnumerable<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2)
        : base(groups, learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    protected override bool Decoupled => true;
}

using VideoPipe.Torch.Native;

namespace VideoPipe.Torch.Optim;

/// <summary>
/// Adam (torch.optim.Adam, amsgrad off): weight decay is an L2 term added to the gradient. <see cref="AdamW"/>
/// decouples it. The update is PyTorch 1.13's single-tensor code, op for op (native/src/vp_optim.cpp).
/// </summary>
public class Adam : Optimizer
{
    private static readonly string[] Names = ["exp_avg", "exp_avg_sq"];

    public Adam(IEnumerable<ParameterGroup> groups, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0)
        : base(groups, learningRate)
    {
        Beta1 = beta1 is >= 0 and < 1 ? beta1 : throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        Beta2 = beta2 is >= 0 and < 1 ? beta2 : throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        Eps = CheckNonNegative(eps, "eps");
        WeightDecay = CheckNonNegative(weightDecay, "weight decay");
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Eps { get; }

    /// <summary>The default weight decay of groups that do not set their own.</summary>
    public double WeightDecay { get; }

    /// <summary>True for AdamW's decoupled weight decay.</summary>
    protected virtual bool Decoupled => false;

    protected override IReadOnlyList<string> StateNames => Names;

    protected override void Update(ParameterGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> parameterState)
    {
        var expAvg = ZerosState(parameterState, "exp_avg", parameter);
        var expAvgSq = ZerosState(parameterState, "exp_avg_sq", parameter);
        NativeMethods.Check(NativeMethods.vp_adam_step(parameter.Handle, grad.Handle, expAvg.Handle, expAvgSq.Handle, StepCount,
            GroupLearningRate(group), Beta1, Beta2, Eps, group.WeightDecay ?? WeightDecay, Decoupled ? 1 : 0));
    }
}

using VideoPipe.Torch.Native;

namespace VideoPipe.Torch.Optim;

/// <summary>SGD with optional momentum, dampening, Nesterov and L2 weight decay (torch.optim.SGD, op for op).</summary>
public sealed class Sgd : Optimizer
{
    private static readonly string[] Names = ["momentum_buffer"];

    public Sgd(IEnumerable<ParameterGroup> groups, double learningRate, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(groups, learningRate)
    {
        Momentum = CheckNonNegative(momentum, "momentum");
        Dampening = CheckNonNegative(dampening, "dampening");
        WeightDecay = CheckNonNegative(weightDecay, "weight decay");
        if (nesterov && (momentum <= 0 || dampening != 0))
        {
            throw new ArgumentException("Nesterov momentum needs momentum > 0 and zero dampening");
        }

        Nesterov = nesterov;
    }

    public double Momentum { get; }

    public double Dampening { get; }

    public double WeightDecay { get; }

    public bool Nesterov { get; }

    protected override IReadOnlyList<string> StateNames => Names;

    protected override void Update(ParameterGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> parameterState)
    {
        if (!parameterState.TryGetValue("momentum_buffer", out var buffer))
        {
            buffer = DisposeScope.Detach(Tensor.Empty([0], parameter.DType, parameter.Device));
            if (Momentum != 0)
            {
                parameterState["momentum_buffer"] = buffer;
            }
        }

        try
        {
            NativeMethods.Check(NativeMethods.vp_sgd_step(parameter.Handle, grad.Handle, buffer.Handle, GroupLearningRate(group), Momentum, Dampening, group.WeightDecay ?? WeightDecay, Nesterov ? 1 : 0));
        }
        finally
        {
            if (Momentum == 0)
            {
                buffer.Dispose();
            }
        }
    }
}

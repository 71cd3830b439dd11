namespace VideoPipe.Torch.Losses;

/// <summary>Element-wise reconstruction losses between a prediction and its target (same shape).</summary>
public static class PixelLosses
{
    /// <summary>|prediction − target| reduced.</summary>
    public static Tensor L1(Tensor prediction, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckShapes(prediction, target);
        using var scope = DisposeScope.Enter();
        return scope.Keep(Reduce((prediction - target).Abs(), reduction));
    }

    /// <summary>(prediction − target)² reduced.</summary>
    public static Tensor Mse(Tensor prediction, Tensor target, LossReduction reduction = LossReduction.Mean)
    {
        CheckShapes(prediction, target);
        using var scope = DisposeScope.Enter();
        var diff = prediction - target;
        return scope.Keep(Reduce(diff * diff, reduction));
    }

    /// <summary>Reduces a per-element (or per-sample) loss whose dimension 0 is the batch.</summary>
    public static Tensor Reduce(Tensor loss, LossReduction reduction) => reduction switch
    {
        LossReduction.Mean => loss.Mean(),
        LossReduction.Sum => loss.Sum(),
        LossReduction.SumOverBatch => SumOverBatch(loss),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "unknown loss reduction"),
    };

    private static Tensor SumOverBatch(Tensor loss)
    {
        using var sum = loss.Sum();
        return sum / (loss.Dim == 0 ? 1 : loss.Size(0));
    }

    private static void CheckShapes(Tensor prediction, Tensor target)
    {
        if (!prediction.Shape.SequenceEqual(target.Shape))
        {
            throw new ArgumentException($"loss: prediction [{string.Join(", ", prediction.Shape)}] and target [{string.Join(", ", target.Shape)}] differ in shape");
        }
    }
}

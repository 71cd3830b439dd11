using VideoPipe.Torch.Native;

namespace VideoPipe.Torch.Optim;

/// <summary>Global-norm gradient clipping (torch.nn.utils.clip_grad_norm_).</summary>
public static class GradientClipping
{
    /// <summary>
    /// Scales every gradient in place by min(1, maxNorm / (total + 1e-6)) where total is the norm of all gradients
    /// together; returns total (before clipping). Parameters without a gradient are ignored. normType
    /// <see cref="double.PositiveInfinity"/> uses the largest absolute value.
    /// </summary>
    public static unsafe double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2.0)
    {
        if (!(maxNorm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "max gradient norm must be > 0");
        }

        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        try
        {
            if (grads.Count == 0)
            {
                return 0;
            }

            var pointers = Tensor.Pointers(grads, out var handles);
            try
            {
                fixed (nint* p = pointers)
                {
                    NativeMethods.Check(NativeMethods.vp_clip_grad_norm(p, grads.Count, maxNorm, double.IsPositiveInfinity(normType) ? 0 : normType, out var total));
                    return total;
                }
            }
            finally
            {
                Tensor.Release(handles);
            }
        }
        finally
        {
            foreach (var g in grads)
            {
                g.Dispose();
            }
        }
    }
}

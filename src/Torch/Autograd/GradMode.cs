using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>
/// The calling thread's autograd mode, as torch.enable_grad / torch.no_grad / torch.inference_mode. Inference is
/// the default so encode and decode pay nothing for autograd. The mode belongs to the OS thread: keep awaits out of
/// a scope. Scopes nest and restore the previous mode when disposed.
/// </summary>
public static class GradMode
{
    public static AutogradMode Current
    {
        get
        {
            NativeMethods.Check(NativeMethods.vp_get_grad_mode(out var mode));
            return (AutogradMode)mode;
        }
    }

    /// <summary>True when operations on tensors that require grad are recorded on this thread.</summary>
    public static bool IsEnabled => Current == AutogradMode.Grad;

    /// <summary>Records operations for backward until the scope is disposed (torch.enable_grad).</summary>
    public static GradModeScope Enable() => Enter(AutogradMode.Grad);

    /// <summary>Normal tensors, nothing recorded (torch.no_grad).</summary>
    public static GradModeScope NoGrad() => Enter(AutogradMode.NoGrad);

    /// <summary>Inference tensors, nothing recorded (torch.inference_mode).</summary>
    public static GradModeScope Inference() => Enter(AutogradMode.Inference);

    public static GradModeScope Enter(AutogradMode mode)
    {
        var previous = Current;
        Set(mode);
        return new GradModeScope(previous);
    }

    internal static void Set(AutogradMode mode) => NativeMethods.Check(NativeMethods.vp_set_grad_mode((int)mode));
}

using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Gradients of chosen outputs with respect to chosen inputs, without touching any .grad (torch.autograd.grad).</summary>
public static class Autograd
{
    /// <summary>
    /// d(sum of outputs weighted by <paramref name="gradOutputs"/>)/d(input) for every input, in order. Scalar outputs
    /// need no gradOutputs. With <paramref name="allowUnused"/> an input the outputs do not depend on gets null;
    /// without it that is an error. <paramref name="createGraph"/> records the gradient computation itself (for
    /// losses that use a gradient, such as an adaptive weight followed by another backward).
    /// </summary>
    public static unsafe Tensor?[] Grad(IReadOnlyList<Tensor> outputs, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor>? gradOutputs = null, bool retainGraph = false, bool createGraph = false, bool allowUnused = false)
    {
        if (gradOutputs is not null && gradOutputs.Count != outputs.Count)
        {
            throw new ArgumentException($"{gradOutputs.Count} output gradients for {outputs.Count} outputs", nameof(gradOutputs));
        }

        var outputPointers = Tensor.Pointers(outputs, out var outputHandles);
        var inputPointers = Tensor.Pointers(inputs, out var inputHandles);
        TensorHandle[]? gradHandles = null;
        var gradPointers = gradOutputs is null ? null : Tensor.Pointers(gradOutputs, out gradHandles);
        var results = new nint[inputs.Count];
        try
        {
            fixed (nint* o = outputPointers)
            fixed (nint* i = inputPointers)
            fixed (nint* g = gradPointers)
            fixed (nint* r = results)
            {
                NativeMethods.Check(NativeMethods.vp_autograd_grad(o, outputs.Count, i, inputs.Count, g, retainGraph || createGraph ? 1 : 0, createGraph ? 1 : 0, allowUnused ? 1 : 0, r));
            }
        }
        finally
        {
            Tensor.Release(outputHandles);
            Tensor.Release(inputHandles);
            if (gradHandles is not null)
            {
                Tensor.Release(gradHandles);
            }
        }

        var grads = new Tensor?[results.Length];
        for (var k = 0; k < results.Length; k++)
        {
            grads[k] = results[k] == nint.Zero ? null : Tensor.Adopt([results[k]])[0];
        }

        return grads;
    }
}

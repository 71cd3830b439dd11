using VideoPipe.Torch.Native;

namespace VideoPipe.Torch;

/// <summary>Keeps an optional tensor's native handle alive while its raw pointer crosses the ABI.</summary>
internal readonly ref struct BorrowedHandle
{
    private readonly TensorHandle? handle;

    public BorrowedHandle(Tensor? tensor)
    {
        if (tensor is null)
        {
            handle = null;
            Pointer = nint.Zero;
            return;
        }

        handle = tensor.Handle;
        var added = false;
        handle.DangerousAddRef(ref added);
        Pointer = handle.DangerousGetHandle();
    }

    public nint Pointer { get; }

    public void Dispose() => handle?.DangerousRelease();
}

namespace VideoPipe.Torch;

/// <summary>An error raised by libtorch (or the shim's argument checks), carrying libtorch's own message.</summary>
public class TorchException : Exception
{
    public TorchException(string message) : base(message)
    {
    }

    public TorchException(string message, Exception inner) : base(message, inner)
    {
    }
}

namespace VideoPipe.Torch;

/// <summary>A named slot holding a module's tensor; loading or moving a module replaces the tensor in the slot.</summary>
public sealed class Parameter
{
    internal Parameter(Tensor value, bool persistent)
    {
        Value = value;
        Persistent = persistent;
    }

    public Tensor Value { get; internal set; }

    /// <summary>False for buffers that are not part of the state dict.</summary>
    public bool Persistent { get; }

    public static implicit operator Tensor(Parameter p) => p.Value;
}

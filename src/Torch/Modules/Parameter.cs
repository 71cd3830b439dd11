namespace VideoPipe.Torch;

/// <summary>A named slot holding a module's tensor; loading or moving a module replaces the tensor in the slot.</summary>
public sealed class Parameter
{
    internal Parameter(Tensor value, bool persistent, bool trainable)
    {
        Value = value;
        Persistent = persistent;
        Trainable = trainable;
    }

    public Tensor Value { get; internal set; }

    /// <summary>False for buffers that are not part of the state dict.</summary>
    public bool Persistent { get; }

    /// <summary>True for parameters (nn.Parameter), false for buffers: what an optimizer updates.</summary>
    public bool Trainable { get; }

    public static implicit operator Tensor(Parameter p) => p.Value;
}

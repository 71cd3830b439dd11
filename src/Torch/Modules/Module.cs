namespace VideoPipe.Torch;

/// <summary>
/// Base for models: parameters, buffers and children registered under the dotted names PyTorch state dicts
/// use (registration order is preserved). Parameters start uninitialised (empty) until a state dict is loaded
/// or <see cref="InitializeRandom"/> fills them.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Parameter Slot)> tensors = new();
    private readonly List<(string Name, Module Child)> children = new();
    private bool disposed;

    /// <summary>Registers a parameter of the given shape (float32, uninitialised) under <paramref name="name"/>.</summary>
    protected Parameter Param(string name, params long[] shape) => Register(name, Tensor.Empty(shape), persistent: true, trainable: true);

    /// <summary>Registers a persistent buffer (part of the state dict).</summary>
    protected Parameter Buffer(string name, Tensor value, bool persistent = true) => Register(name, value, persistent, trainable: false);

    protected T Child<T>(string name, T module) where T : Module
    {
        ValidateName(name);
        children.Add((name, module));
        return module;
    }

    private Parameter Register(string name, Tensor value, bool persistent, bool trainable)
    {
        ValidateName(name);
        DisposeScope.Detach(value);
        var slot = new Parameter(value, persistent, trainable);
        tensors.Add((name, slot));
        return slot;
    }

    private void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"invalid module member name '{name}'");
        }

        if (tensors.Any(t => t.Name == name) || children.Any(c => c.Name == name))
        {
            throw new ArgumentException($"'{name}' is registered twice in {GetType().Name}");
        }
    }

    public IEnumerable<(string Name, Module Child)> NamedChildren() => children;

    /// <summary>Every parameter and buffer with its dotted name, depth first in registration order.</summary>
    public IEnumerable<(string Name, Parameter Slot)> NamedTensors(string prefix = "")
    {
        foreach (var (name, slot) in tensors)
        {
            yield return (prefix + name, slot);
        }

        foreach (var (name, child) in children)
        {
            foreach (var item in child.NamedTensors(prefix + name + "."))
            {
                yield return item;
            }
        }
    }

    /// <summary>The parameters (not buffers) with their dotted names, in the order PyTorch's named_parameters() gives.</summary>
    public IEnumerable<(string Name, Parameter Slot)> NamedParameters() => NamedTensors().Where(t => t.Slot.Trainable);

    /// <summary>False after <see cref="Train"/>(true) until <see cref="Train"/>(false); layers that differ in training read it.</summary>
    public bool Training { get; private set; }

    /// <summary>Sets <see cref="Training"/> on this module and every child (nn.Module.train / eval).</summary>
    public Module Train(bool training = true)
    {
        Training = training;
        foreach (var (_, child) in children)
        {
            child.Train(training);
        }

        return this;
    }

    /// <summary>
    /// Makes every floating-point parameter require grad (or not). Parameters loaded or created in inference mode are
    /// inference tensors, which cannot require grad: they are replaced by normal copies first, so keep no references
    /// to the old parameter tensors.
    /// </summary>
    public void SetRequiresGrad(bool requiresGrad = true)
    {
        foreach (var (_, slot) in NamedParameters())
        {
            if (!slot.Value.DType.IsFloatingPoint())
            {
                continue;
            }

            if (slot.Value.IsInference)
            {
                using (GradMode.NoGrad())
                {
                    Replace(slot, slot.Value.Clone());
                }
            }

            slot.Value.RequiresGrad = requiresGrad;
        }
    }

    /// <summary>Clears every parameter's gradient (zero_grad with set_to_none).</summary>
    public void ZeroGrad()
    {
        foreach (var (_, slot) in NamedParameters())
        {
            slot.Value.Grad = null;
        }
    }

    /// <summary>The persistent tensors keyed as in PyTorch's state_dict().</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, slot) in NamedTensors())
        {
            if (slot.Persistent)
            {
                result[name] = slot.Value;
            }
        }

        return result;
    }

    public long ParameterCount() => NamedTensors().Where(t => t.Slot.Persistent).Sum(t => t.Slot.Value.Numel);

    /// <summary>
    /// Copies every tensor of <paramref name="stateDict"/> into this module (converted to each slot's dtype and
    /// device). Strict: any missing, unexpected or mis-shaped key fails the whole load, listing all of them.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true)
    {
        var own = NamedTensors().Where(t => t.Slot.Persistent).ToDictionary(t => t.Name, t => t.Slot, StringComparer.Ordinal);
        var missing = own.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var misShaped = new List<string>();
        foreach (var (name, slot) in own)
        {
            if (stateDict.TryGetValue(name, out var t) && !t.Shape.SequenceEqual(slot.Value.Shape))
            {
                misShaped.Add($"{name} (checkpoint [{string.Join(", ", t.Shape)}], model [{string.Join(", ", slot.Value.Shape)}])");
            }
        }

        if (misShaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
        {
            throw new StateDictMismatchException(GetType().Name, missing, unexpected, misShaped);
        }

        foreach (var (name, slot) in own)
        {
            if (stateDict.TryGetValue(name, out var t))
            {
                slot.Value.CopyFrom(t);
            }
        }
    }

    /// <summary>Moves every floating-point parameter and buffer to <paramref name="dtype"/> (integer buffers keep theirs).</summary>
    public Module To(DType dtype) => Convert(t => t.DType.IsFloatingPoint() ? t.To(dtype) : t.Clone());

    public Module To(Device device) => Convert(t => t.To(device));

    private Module Convert(Func<Tensor, Tensor> convert)
    {
        foreach (var (_, slot) in NamedTensors())
        {
            Replace(slot, convert(slot.Value));
        }

        return this;
    }

    private static void Replace(Parameter slot, Tensor next)
    {
        var old = slot.Value;
        DisposeScope.Detach(next);
        slot.Value = next;
        old.Dispose();
    }

    /// <summary>Fills floating-point parameters with N(0, std²) from <paramref name="generator"/> (benchmarks, tests).</summary>
    public void InitializeRandom(Generator generator, double std = 0.02)
    {
        foreach (var (_, slot) in NamedTensors())
        {
            var v = slot.Value;
            if (!v.DType.IsFloatingPoint())
            {
                continue;
            }

            using var r = Tensor.Randn(generator, v.Shape);
            using var scaled = r.Mul(std);
            v.CopyFrom(scaled);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var (_, slot) in tensors)
        {
            slot.Value.Dispose();
        }

        foreach (var (_, child) in children)
        {
            child.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

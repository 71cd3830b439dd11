using System.Globalization;

namespace VideoPipe.Torch.Optim;

/// <summary>
/// Base of the optimizers (torch.optim.Optimizer): parameter groups, the learning rate a schedule sets before each
/// step, zeroing gradients, and state that round-trips through a checkpoint. Parameters without a gradient are
/// skipped, as torch skips them. Steps run on the thread that calls them and record nothing.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly Dictionary<Tensor, Dictionary<string, Tensor>> state = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    protected Optimizer(IEnumerable<ParameterGroup> groups, double learningRate)
    {
        Groups = groups.ToList();
        if (Groups.Count == 0 || Groups.All(g => g.Parameters.Count == 0))
        {
            throw new ArgumentException("an optimizer needs at least one parameter");
        }

        var all = Groups.SelectMany(g => g.Parameters).ToList();
        if (all.Distinct(ReferenceEqualityComparer.Instance).Count() != all.Count)
        {
            throw new ArgumentException("a parameter appears in more than one group");
        }

        LearningRate = CheckNonNegative(learningRate, "learning rate");
    }

    public IReadOnlyList<ParameterGroup> Groups { get; }

    /// <summary>The base learning rate of the next step (a schedule sets it before each step).</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken so far (what torch keeps per parameter as state['step']).</summary>
    public long StepCount { get; private set; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        StepCount++;
        foreach (var group in Groups)
        {
            foreach (var parameter in group.Parameters)
            {
                using var grad = parameter.Grad;
                if (grad is null)
                {
                    continue;
                }

                using (GradMode.NoGrad())
                {
                    Update(group, parameter, grad, StateOf(parameter));
                }
            }
        }
    }

    /// <summary>Clears every parameter's gradient (set to none, torch's default).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Groups.SelectMany(g => g.Parameters))
        {
            parameter.Grad = null;
        }
    }

    /// <summary>The per-parameter state tensors keyed "<c>group.index.name</c>" plus "step", for checkpoints (the caller must not dispose them).</summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        ForEachParameter((key, parameter) =>
        {
            if (state.TryGetValue(parameter, out var entries))
            {
                foreach (var (name, tensor) in entries)
                {
                    result[$"{key}.{name}"] = tensor;
                }
            }
        });
        return result;
    }

    /// <summary>Restores state saved by <see cref="StateDict"/> (copied in; the given tensors stay the caller's).</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> saved, long stepCount)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        ForEachParameter((key, parameter) =>
        {
            foreach (var name in StateNames)
            {
                var full = $"{key}.{name}";
                if (!saved.TryGetValue(full, out var tensor))
                {
                    continue;
                }

                known.Add(full);
                using (GradMode.NoGrad())
                {
                    var copy = DisposeScope.Detach(tensor.To(parameter.DType, parameter.Device).Clone());
                    var entries = StateOf(parameter);
                    if (entries.Remove(name, out var old))
                    {
                        old.Dispose();
                    }

                    entries[name] = copy;
                }
            }
        });
        var unknown = saved.Keys.Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"optimizer state has entries this optimizer does not own: {string.Join(", ", unknown.Take(5))}");
        }

        StepCount = stepCount;
    }

    /// <summary>The names of the state tensors this optimizer keeps per parameter.</summary>
    protected abstract IReadOnlyList<string> StateNames { get; }

    /// <summary>One parameter's update (no-grad mode); <paramref name="parameterState"/> starts empty.</summary>
    protected abstract void Update(ParameterGroup group, Tensor parameter, Tensor grad, Dictionary<string, Tensor> parameterState);

    /// <summary>A state tensor of zeros shaped like the parameter, created on first use.</summary>
    protected static Tensor ZerosState(Dictionary<string, Tensor> parameterState, string name, Tensor parameter)
    {
        if (!parameterState.TryGetValue(name, out var tensor))
        {
            tensor = DisposeScope.Detach(Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
            parameterState[name] = tensor;
        }

        return tensor;
    }

    protected double GroupLearningRate(ParameterGroup group) => LearningRate * group.LearningRateScale;

    protected static double CheckNonNegative(double value, string what) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(what, value, $"{what} must be a finite number >= 0");

    private Dictionary<string, Tensor> StateOf(Tensor parameter)
    {
        if (!state.TryGetValue(parameter, out var entries))
        {
            entries = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            state[parameter] = entries;
        }

        return entries;
    }

    private void ForEachParameter(Action<string, Tensor> action)
    {
        for (var g = 0; g < Groups.Count; g++)
        {
            for (var i = 0; i < Groups[g].Parameters.Count; i++)
            {
                action(string.Create(CultureInfo.InvariantCulture, $"{g}.{i}"), Groups[g].Parameters[i]);
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var tensor in state.Values.SelectMany(e => e.Values))
        {
            tensor.Dispose();
        }

        state.Clear();
        GC.SuppressFinalize(this);
    }
}

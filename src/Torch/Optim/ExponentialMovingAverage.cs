using VideoPipe.Torch.Native;

namespace VideoPipe.Torch.Optim;

/// <summary>
/// An exponential moving average of named parameters: ema ← decay·ema + (1 − decay)·value after each step. The
/// averaged weights are what a run usually exports.
/// </summary>
public sealed class ExponentialMovingAverage : IDisposable
{
    private readonly IReadOnlyList<(string Name, Tensor Value)> parameters;
    private readonly Dictionary<string, Tensor> averages = new(StringComparer.Ordinal);

    public ExponentialMovingAverage(IEnumerable<(string Name, Tensor Value)> parameters, double decay)
    {
        Decay = decay is > 0 and < 1 ? decay : throw new ArgumentOutOfRangeException(nameof(decay), decay, "EMA decay must be in (0, 1)");
        this.parameters = parameters.ToList();
        using var mode = GradMode.NoGrad();
        foreach (var (name, value) in this.parameters)
        {
            averages.Add(name, DisposeScope.Detach(value.Detach().Clone()));
        }
    }

    public double Decay { get; }

    /// <summary>The averaged tensors by name (owned by this object).</summary>
    public IReadOnlyDictionary<string, Tensor> Averages => averages;

    public void Update()
    {
        foreach (var (name, value) in parameters)
        {
            NativeMethods.Check(NativeMethods.vp_ema_update(averages[name].Handle, value.Handle, Decay));
        }
    }

    /// <summary>Replaces the averages with saved ones (a resumed run); every name must be present.</summary>
    public void Load(IReadOnlyDictionary<string, Tensor> saved)
    {
        var missing = averages.Keys.Where(k => !saved.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"EMA state lacks {missing.Count} parameter(s), e.g. {string.Join(", ", missing.Take(3))}");
        }

        foreach (var (name, average) in averages)
        {
            average.CopyFrom(saved[name]);
        }
    }

    public void Dispose()
    {
        foreach (var t in averages.Values)
        {
            t.Dispose();
        }

        averages.Clear();
    }
}

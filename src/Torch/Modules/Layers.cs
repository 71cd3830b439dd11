namespace VideoPipe.Torch;

/// <summary>nn.Conv1d/2d/3d with the same state-dict keys (weight, bias).</summary>
public sealed class Conv : Module
{
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] dilation;
    private readonly long groups;

    public Conv(int spatialDims, long inChannels, long outChannels, long[] kernel, long[]? stride = null, long[]? padding = null, long[]? dilation = null, long groups = 1, bool bias = true)
    {
        if (kernel.Length != spatialDims)
        {
            throw new ArgumentException($"kernel needs {spatialDims} entries");
        }

        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"channels {inChannels}->{outChannels} are not divisible by groups {groups}");
        }

        this.stride = stride ?? Fill(spatialDims, 1);
        this.padding = padding ?? Fill(spatialDims, 0);
        this.dilation = dilation ?? Fill(spatialDims, 1);
        this.groups = groups;
        InChannels = inChannels;
        OutChannels = outChannels;
        Weight = Param("weight", [outChannels, inChannels / groups, .. kernel]);
        Bias = bias ? Param("bias", outChannels) : null;
    }

    public long InChannels { get; }

    public long OutChannels { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x) => Functional.Conv(x, Weight.Value, Bias?.Value, stride, padding, dilation, groups);

    internal static long[] Fill(int n, long v)
    {
        var a = new long[n];
        Array.Fill(a, v);
        return a;
    }

    public static Conv Conv2d(long cin, long cout, long k, long stride = 1, long padding = 0, bool bias = true, long groups = 1) =>
        new(2, cin, cout, Fill(2, k), Fill(2, stride), Fill(2, padding), null, groups, bias);

    public static Conv Conv3d(long cin, long cout, long k, long stride = 1, long padding = 0, bool bias = true, long groups = 1) =>
        new(3, cin, cout, Fill(3, k), Fill(3, stride), Fill(3, padding), null, groups, bias);

    public static Conv Conv1d(long cin, long cout, long k, long stride = 1, long padding = 0, bool bias = true, long groups = 1) =>
        new(1, cin, cout, Fill(1, k), Fill(1, stride), Fill(1, padding), null, groups, bias);
}

/// <summary>nn.ConvTranspose2d/3d (weight [in, out/groups, k...]).</summary>
public sealed class ConvTranspose : Module
{
    private readonly long[] stride;
    private readonly long[] padding;
    private readonly long[] outputPadding;
    private readonly long[] dilation;
    private readonly long groups;

    public ConvTranspose(int spatialDims, long inChannels, long outChannels, long[] kernel, long[]? stride = null, long[]? padding = null, long[]? outputPadding = null, long groups = 1, bool bias = true, long[]? dilation = null)
    {
        this.stride = stride ?? Conv.Fill(spatialDims, 1);
        this.padding = padding ?? Conv.Fill(spatialDims, 0);
        this.outputPadding = outputPadding ?? Conv.Fill(spatialDims, 0);
        this.dilation = dilation ?? Conv.Fill(spatialDims, 1);
        this.groups = groups;
        Weight = Param("weight", [inChannels, outChannels / groups, .. kernel]);
        Bias = bias ? Param("bias", outChannels) : null;
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x) => Functional.ConvTranspose(x, Weight.Value, Bias?.Value, stride, padding, outputPadding, groups, dilation);
}

/// <summary>nn.Linear (weight [out, in], bias [out]).</summary>
public sealed class Linear : Module
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        Weight = Param("weight", outFeatures, inFeatures);
        Bias = bias ? Param("bias", outFeatures) : null;
    }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x) => Functional.Linear(x, Weight.Value, Bias?.Value);
}

/// <summary>nn.GroupNorm (affine).</summary>
public sealed class GroupNorm : Module
{
    public GroupNorm(long groups, long channels, double eps = 1e-5, bool affine = true)
    {
        if (channels % groups != 0)
        {
            throw new ArgumentException($"GroupNorm: {channels} channels are not divisible into {groups} groups");
        }

        Groups = groups;
        Eps = eps;
        Weight = affine ? Param("weight", channels) : null;
        Bias = affine ? Param("bias", channels) : null;
    }

    public long Groups { get; }

    public double Eps { get; }

    public Parameter? Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x) => Functional.GroupNorm(x, Groups, Weight?.Value, Bias?.Value, Eps);
}

/// <summary>nn.LayerNorm over the trailing dims.</summary>
public sealed class LayerNorm : Module
{
    private readonly long[] shape;

    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool affine = true)
    {
        shape = normalizedShape;
        Eps = eps;
        Weight = affine ? Param("weight", normalizedShape) : null;
        Bias = affine ? Param("bias", normalizedShape) : null;
    }

    public double Eps { get; }

    public Parameter? Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x) => Functional.LayerNorm(x, shape, Weight?.Value, Bias?.Value, Eps);
}

/// <summary>nn.ModuleList: children named 0, 1, 2, ...</summary>
public sealed class ModuleList<T> : Module where T : Module
{
    private readonly List<T> items = new();

    public T Add(T module)
    {
        Child(items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        items.Add(module);
        return module;
    }

    public int Count => items.Count;

    public T this[int index] => items[index];

    public IEnumerable<T> Items => items;
}

/// <summary>A container whose children have names of the caller's choosing (nn.Module with attributes).</summary>
public sealed class ModuleDict : Module
{
    private readonly Dictionary<string, Module> items = new(StringComparer.Ordinal);

    public T Add<T>(string name, T module) where T : Module
    {
        Child(name, module);
        items[name] = module;
        return module;
    }

    public bool Contains(string name) => items.ContainsKey(name);

    public T Get<T>(string name) where T : Module => (T)items[name];
}

namespace VideoPipe.Torch.Checkpoints;

/// <summary>What an allow-listed pickle global stands for.</summary>
internal enum SafeGlobalKind
{
    OrderedDict,
    RebuildTensorV2,
    RebuildParameter,
    RebuildParameterWithState,
    StorageType,
}

/// <summary>
/// A pickle global that passed the allow-list. Only these names can ever be resolved; the unpickler interprets
/// them itself (building dictionaries and tensor descriptors) and never calls into anything named by the file.
/// </summary>
internal sealed record SafeGlobal(string FullName, SafeGlobalKind Kind, DType StorageDType = default)
{
    private static readonly Dictionary<string, SafeGlobal> AllowList = BuildAllowList();

    /// <summary>Resolves <c>module.name</c> or throws <see cref="CheckpointSecurityException"/>.</summary>
    public static SafeGlobal Resolve(string path, string module, string name)
    {
        var fullName = module + "." + name;
        return AllowList.TryGetValue(fullName, out var global) ? global : throw new CheckpointSecurityException(path, fullName);
    }

    private static Dictionary<string, SafeGlobal> BuildAllowList()
    {
        var globals = new List<SafeGlobal>
        {
            new("collections.OrderedDict", SafeGlobalKind.OrderedDict),
            new("torch._utils._rebuild_tensor_v2", SafeGlobalKind.RebuildTensorV2),
            new("torch._utils._rebuild_parameter", SafeGlobalKind.RebuildParameter),
            new("torch._utils._rebuild_parameter_with_state", SafeGlobalKind.RebuildParameterWithState),
        };
        var storages = new (string Name, DType DType)[]
        {
            ("FloatStorage", DType.Float32), ("HalfStorage", DType.Float16), ("BFloat16Storage", DType.BFloat16),
            ("DoubleStorage", DType.Float64), ("LongStorage", DType.Int64), ("IntStorage", DType.Int32),
            ("ShortStorage", DType.Int16), ("CharStorage", DType.Int8), ("ByteStorage", DType.UInt8),
            ("BoolStorage", DType.Bool),
        };
        globals.AddRange(storages.Select(s => new SafeGlobal("torch." + s.Name, SafeGlobalKind.StorageType, s.DType)));
        return globals.ToDictionary(g => g.FullName, StringComparer.Ordinal);
    }
}

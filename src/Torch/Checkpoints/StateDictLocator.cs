namespace VideoPipe.Torch.Checkpoints;

/// <summary>Finds the state dict inside an unpickled checkpoint tree.</summary>
internal static class StateDictLocator
{
    /// <summary>Keys that training code commonly nests a state dict under, in order of preference.</summary>
    public static readonly IReadOnlyList<string> NestingKeys = ["state_dict", "ema_state_dict", "model", "module"];

    private const int MaxAutomaticDepth = 8;

    /// <summary>
    /// With <paramref name="keyPath"/> (dot separated; a key that itself contains dots matches whole first) follows it
    /// exactly; otherwise descends through <see cref="NestingKeys"/> while one of them holds a dictionary.
    /// </summary>
    public static (OrderedDictionary<object, object?> StateDict, string? SelectedKey) Locate(string path, object? root, string? keyPath)
    {
        if (root is not OrderedDictionary<object, object?> current)
        {
            throw new CheckpointFormatException(path, $"checkpoint holds a {DescribeType(root)}, not a dictionary of tensors");
        }

        return string.IsNullOrEmpty(keyPath) ? Descend(current) : Follow(path, current, keyPath);
    }

    private static (OrderedDictionary<object, object?>, string?) Descend(OrderedDictionary<object, object?> current)
    {
        var taken = new List<string>();
        for (var depth = 0; depth < MaxAutomaticDepth; depth++)
        {
            var next = NestingKeys.FirstOrDefault(k => current.TryGetValue(k, out var value) && value is OrderedDictionary<object, object?>);
            if (next is null)
            {
                break;
            }

            taken.Add(next);
            current = (OrderedDictionary<object, object?>)current[next]!;
        }

        return (current, taken.Count == 0 ? null : string.Join(".", taken));
    }

    private static (OrderedDictionary<object, object?>, string?) Follow(string path, OrderedDictionary<object, object?> current, string keyPath)
    {
        var remaining = keyPath;
        var walked = new List<string>();
        while (remaining.Length > 0)
        {
            var step = LongestKeyPrefix(current, remaining)
                ?? throw new KeyNotFoundException(
                    $"{path}: no key '{remaining}' in {(walked.Count == 0 ? "the checkpoint" : "'" + string.Join(".", walked) + "'")}; keys there: {ListKeys(current)}");
            walked.Add(step);
            var value = current[step];
            current = value as OrderedDictionary<object, object?>
                ?? throw new KeyNotFoundException($"{path}: '{string.Join(".", walked)}' holds a {DescribeType(value)}, not a dictionary");
            remaining = remaining.Length == step.Length ? string.Empty : remaining[(step.Length + 1)..];
        }

        return (current, keyPath);
    }

    private static string? LongestKeyPrefix(OrderedDictionary<object, object?> dict, string remaining)
    {
        for (var candidate = remaining; ; )
        {
            if (dict.ContainsKey(candidate))
            {
                return candidate;
            }

            var dot = candidate.LastIndexOf('.');
            if (dot <= 0)
            {
                return null;
            }

            candidate = candidate[..dot];
        }
    }

    private static string ListKeys(OrderedDictionary<object, object?> dict)
    {
        const int shown = 20;
        var keys = dict.Keys.Take(shown).Select(k => k.ToString());
        return string.Join(", ", keys) + (dict.Count > shown ? $", ... ({dict.Count} in all)" : string.Empty);
    }

    internal static string DescribeType(object? value) => value switch
    {
        null => "None",
        OrderedDictionary<object, object?> => "dict",
        List<object?> => "list",
        PickleTuple => "tuple",
        TensorDescriptor or Tensor => "tensor",
        string => "str",
        long or System.Numerics.BigInteger => "int",
        double => "float",
        bool => "bool",
        byte[] => "bytes",
        _ => value.GetType().Name,
    };
}

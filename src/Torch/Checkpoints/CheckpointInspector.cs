using System.Globalization;
using System.Numerics;

namespace VideoPipe.Torch.Checkpoints;

/// <summary>Describes a checkpoint from its header or pickle alone; no tensor data is read.</summary>
public static class CheckpointInspector
{
    private const int MaxInlineTextLength = 60;

    /// <summary>Locates the state dict as <see cref="Checkpoint.LoadStateDict"/> would (same <paramref name="key"/> rules).</summary>
    public static CheckpointDescription Describe(string path, string? key = null) =>
        CheckpointFormatDetector.Detect(path) switch
        {
            CheckpointFormat.Safetensors => DescribeSafetensors(path, key),
            _ => DescribeTorchZip(path, key),
        };

    private static CheckpointDescription DescribeSafetensors(string path, string? key)
    {
        using var file = SafetensorsFile.Open(path);
        var prefix = string.IsNullOrEmpty(key) ? string.Empty : key + ".";
        var tensors = file.Entries
            .Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new TensorSummary(e.Name[prefix.Length..], e.DType, e.Shape))
            .ToList();
        if (prefix.Length > 0 && tensors.Count == 0)
        {
            throw new KeyNotFoundException($"{path}: no tensor is named '{key}.*'");
        }

        return new CheckpointDescription(path, CheckpointFormat.Safetensors, prefix.Length > 0 ? key : null, tensors, [], file.Metadata, []);
    }

    private static CheckpointDescription DescribeTorchZip(string path, string? key)
    {
        var root = TorchCheckpoint.LoadStructure(path);
        var (stateDict, selectedKey) = StateDictLocator.Locate(path, root, key);
        var tensors = new List<TensorSummary>();
        var skipped = new List<string>();
        foreach (var (name, value) in stateDict)
        {
            if (name is string text && value is TensorDescriptor descriptor)
            {
                tensors.Add(new TensorSummary(text, descriptor.DType, descriptor.Shape));
            }
            else
            {
                skipped.Add(name.ToString() ?? string.Empty);
            }
        }

        var topLevel = ((OrderedDictionary<object, object?>)root!)
            .Select(pair => KeyValuePair.Create(pair.Key.ToString() ?? string.Empty, Summarize(pair.Value)))
            .ToList();
        return new CheckpointDescription(path, CheckpointFormat.TorchZip, selectedKey, tensors, skipped, new Dictionary<string, string>(), topLevel);
    }

    /// <summary>A one-line description of an unpickled value: <c>int 7</c>, <c>dict (12 entries)</c>, <c>tensor float32[3, 4]</c>.</summary>
    public static string Summarize(object? value) => value switch
    {
        null => "None",
        TensorDescriptor t => $"tensor {t.DType.TorchName()}[{string.Join(", ", t.Shape)}]",
        Tensor t => $"tensor {t.DType.TorchName()}[{string.Join(", ", t.Shape)}]",
        OrderedDictionary<object, object?> d => $"dict ({d.Count} entries, {CountTensors(d)} tensors)",
        List<object?> l => $"list ({l.Count} items)",
        PickleTuple t => $"tuple ({t.Count} items)",
        string s => "str " + (s.Length <= MaxInlineTextLength ? $"\"{s}\"" : $"({s.Length} chars)"),
        bool b => b ? "bool True" : "bool False",
        long or BigInteger => "int " + Convert.ToString(value, CultureInfo.InvariantCulture),
        double d => "float " + d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => $"bytes ({bytes.Length})",
        _ => StateDictLocator.DescribeType(value),
    };

    private static int CountTensors(OrderedDictionary<object, object?> dict)
    {
        var count = 0;
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(dict);
        while (pending.Count > 0)
        {
            var container = pending.Pop();
            if (!visited.Add(container))
            {
                continue;
            }

            IEnumerable<object?> children = container switch
            {
                OrderedDictionary<object, object?> d => d.Values,
                List<object?> l => l,
                PickleTuple t => t,
                _ => [],
            };
            foreach (var child in children)
            {
                if (child is TensorDescriptor)
                {
                    count++;
                }
                else if (child is OrderedDictionary<object, object?> or List<object?> or PickleTuple)
                {
                    pending.Push(child);
                }
            }
        }

        return count;
    }
}

namespace VideoPipe.Torch.Checkpoints;

/// <summary>Loads model weights from a safetensors file or a PyTorch zip checkpoint, told apart by content.</summary>
public static class Checkpoint
{
    /// <summary>
    /// Loads the tensors of a state dict.
    /// For PyTorch checkpoints <paramref name="key"/> is a dot-separated key path (<c>ema_state_dict</c>, <c>a.b</c>);
    /// without it the state dict is found under <c>state_dict</c>, <c>ema_state_dict</c>, <c>model</c> or <c>module</c>
    /// (nested any number of times) or at the root. For safetensors files <paramref name="key"/> selects the tensors
    /// named <c>&lt;key&gt;.*</c> and drops that prefix. <paramref name="stripPrefix"/> (e.g. <c>module.</c>) is removed
    /// from every name that starts with it. Only the selected tensors are read from disk.
    /// </summary>
    public static LoadedStateDict LoadStateDict(string path, string? key = null, string? stripPrefix = null) =>
        CheckpointFormatDetector.Detect(path) switch
        {
            CheckpointFormat.Safetensors => LoadSafetensors(path, key, stripPrefix),
            _ => LoadTorchZip(path, key, stripPrefix),
        };

    private static LoadedStateDict LoadSafetensors(string path, string? key, string? stripPrefix)
    {
        using var file = SafetensorsFile.Open(path);
        var selected = new List<(string Name, TensorInfo Entry)>();
        foreach (var entry in file.Entries)
        {
            if (string.IsNullOrEmpty(key))
            {
                selected.Add((entry.Name, entry));
            }
            else if (entry.Name.StartsWith(key + ".", StringComparison.Ordinal))
            {
                selected.Add((entry.Name[(key.Length + 1)..], entry));
            }
        }

        if (!string.IsNullOrEmpty(key) && selected.Count == 0)
        {
            throw new KeyNotFoundException($"{path}: no tensor is named '{key}.*'");
        }

        var result = new LoadedStateDict(CheckpointFormat.Safetensors, string.IsNullOrEmpty(key) ? null : key, []);
        Fill(path, result, selected.Select(s => (s.Name, (Func<Tensor>)(() => file.Load(s.Entry.Name)))), stripPrefix);
        return result;
    }

    private static LoadedStateDict LoadTorchZip(string path, string? key, string? stripPrefix)
    {
        using var archive = TorchZipArchive.Open(path);
        var tree = TorchUnpickler.Unpickle(path, archive.ReadPickle());
        var (stateDict, selectedKey) = StateDictLocator.Locate(path, tree, key);

        var tensors = new List<(string Name, TensorDescriptor Descriptor)>();
        var skipped = new List<string>();
        foreach (var (name, value) in stateDict)
        {
            if (name is string text && value is TensorDescriptor descriptor)
            {
                tensors.Add((text, descriptor));
            }
            else
            {
                skipped.Add(Strip(name.ToString() ?? string.Empty, stripPrefix));
            }
        }

        using var materializer = new TensorMaterializer(archive);
        var result = new LoadedStateDict(CheckpointFormat.TorchZip, selectedKey, skipped);
        Fill(path, result, tensors.Select(t => (t.Name, (Func<Tensor>)(() => materializer.Materialize(t.Descriptor)))), stripPrefix);
        return result;
    }

    private static void Fill(string path, LoadedStateDict result, IEnumerable<(string Name, Func<Tensor> Load)> tensors, string? stripPrefix)
    {
        var originalNames = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, load) in tensors)
            {
                var stripped = Strip(name, stripPrefix);
                if (!originalNames.TryAdd(stripped, name))
                {
                    throw new CheckpointFormatException(path, $"'{originalNames[stripped]}' and '{name}' both become '{stripped}' after stripping '{stripPrefix}'");
                }

                result[stripped] = load();
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static string Strip(string name, string? prefix) =>
        !string.IsNullOrEmpty(prefix) && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
}

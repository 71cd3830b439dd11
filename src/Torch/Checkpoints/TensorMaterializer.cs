namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// Turns <see cref="TensorDescriptor"/>s into tensors, reading each storage record at most once. A view that covers
/// its whole storage shares the storage's memory; any other view (offset, strided, partial) is copied out.
/// Dispose it once every wanted tensor has been made, to drop its references to the storages.
/// </summary>
internal sealed class TensorMaterializer : IDisposable
{
    private readonly TorchZipArchive archive;
    private readonly Dictionary<string, Tensor> storages = new(StringComparer.Ordinal);
    private readonly Dictionary<TensorDescriptor, Tensor> made = new(ReferenceEqualityComparer.Instance);

    public TensorMaterializer(TorchZipArchive archive) => this.archive = archive;

    /// <summary>
    /// The tensor <paramref name="descriptor"/> describes. Every call returns a tensor object of its own (the caller
    /// owns and disposes it); a descriptor met twice (tied weights) gives tensors that share memory.
    /// </summary>
    public unsafe Tensor Materialize(TensorDescriptor descriptor)
    {
        var shape = descriptor.Shape.ToArray();
        if (made.TryGetValue(descriptor, out var existing))
        {
            return existing.View(shape);
        }

        var storage = Storage(descriptor.Storage);
        Tensor owned;
        if (descriptor.CoversWholeStorageContiguously)
        {
            owned = storage.View(shape);
        }
        else
        {
            owned = Tensor.Empty(shape, descriptor.DType);
            StridedViewCopy.Copy(
                (byte*)storage.DataPointer, (byte*)owned.DataPointer, descriptor.DType.ElementSize(),
                descriptor.StorageOffset, descriptor.Shape, descriptor.Strides);
        }

        made[descriptor] = owned;
        return owned.View(shape);
    }

    /// <summary>Replaces every descriptor inside <paramref name="tree"/> (dicts, lists, tuples) by its tensor, in place.</summary>
    public object? MaterializeTree(object? tree)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        if (tree is TensorDescriptor root)
        {
            return Materialize(root);
        }

        if (tree is not null)
        {
            pending.Push(tree);
        }

        while (pending.Count > 0)
        {
            var container = pending.Pop();
            if (!visited.Add(container))
            {
                continue;
            }

            switch (container)
            {
                case OrderedDictionary<object, object?> dict:
                    for (var i = 0; i < dict.Count; i++)
                    {
                        var value = dict.GetAt(i).Value;
                        dict.SetAt(i, Visit(value, pending));
                    }

                    break;
                case List<object?> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        list[i] = Visit(list[i], pending);
                    }

                    break;
                case PickleTuple tuple:
                    for (var i = 0; i < tuple.Count; i++)
                    {
                        tuple.Replace(i, Visit(tuple[i], pending));
                    }

                    break;
            }
        }

        return tree;
    }

    public void Dispose()
    {
        foreach (var tensor in made.Values.Concat(storages.Values))
        {
            tensor.Dispose();
        }

        made.Clear();
        storages.Clear();
    }

    private object? Visit(object? value, Stack<object> pending)
    {
        switch (value)
        {
            case TensorDescriptor descriptor:
                return Materialize(descriptor);
            case OrderedDictionary<object, object?> or List<object?> or PickleTuple:
                pending.Push(value);
                return value;
            default:
                return value;
        }
    }

    private Tensor Storage(StorageReference reference)
    {
        if (!storages.TryGetValue(reference.Key, out var storage))
        {
            storage = archive.ReadStorage(reference);
            storages[reference.Key] = storage;
        }

        return storage;
    }
}

namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// Reads PyTorch checkpoints in the zip format <c>torch.save</c> writes (.pth/.pt/.ckpt since PyTorch 1.6) through an
/// allow-listed unpickler: dictionaries become <c>OrderedDictionary&lt;object, object?&gt;</c>, lists
/// <c>List&lt;object?&gt;</c>, tuples <see cref="PickleTuple"/>, ints <c>long</c> (or <c>BigInteger</c>), floats
/// <c>double</c>, None <c>null</c>, tensors <see cref="Tensor"/>. Anything else the file asks for raises
/// <see cref="CheckpointSecurityException"/> or <see cref="CheckpointFormatException"/>.
/// </summary>
public static class TorchCheckpoint
{
    /// <summary>Loads the whole object tree, every tensor materialised as a CPU tensor.</summary>
    public static object? Load(string path)
    {
        using var archive = TorchZipArchive.Open(path);
        var tree = TorchUnpickler.Unpickle(path, archive.ReadPickle());
        using var materializer = new TensorMaterializer(archive);
        return materializer.MaterializeTree(tree);
    }

    /// <summary>
    /// The object tree with <see cref="TensorDescriptor"/>s in place of tensors: no tensor data is read, so this
    /// is cheap even for very large checkpoints.
    /// </summary>
    public static object? LoadStructure(string path)
    {
        using var archive = TorchZipArchive.Open(path);
        return TorchUnpickler.Unpickle(path, archive.ReadPickle());
    }
}

namespace VideoPipe.Torch.Tests.Checkpoints;

internal static class TensorAssert
{
    /// <summary>Same dtype, same shape, same bytes.</summary>
    public static void Identical(Tensor expected, Tensor actual, string name)
    {
        Assert.True(expected.DType == actual.DType, $"{name}: dtype {actual.DType} != {expected.DType}");
        Assert.True(expected.Shape.SequenceEqual(actual.Shape), $"{name}: shape [{string.Join(",", actual.Shape)}] != [{string.Join(",", expected.Shape)}]");
        Assert.True(expected.ToBytes().SequenceEqual(actual.ToBytes()), $"{name}: bytes differ");
    }

    public static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var tensor in tensors)
        {
            tensor.Dispose();
        }
    }
}

using System.Text;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class SafetensorsCorruptFileTests
{
    [Fact]
    public void ZeroByteFileIsRejected() =>
        AssertRejected(Array.Empty<byte>(), "too few");

    [Fact]
    public void FileShorterThanTheLengthPrefixIsRejected() =>
        AssertRejected(new byte[] { 8, 0, 0 }, "too few");

    [Fact]
    public void HeaderLengthPastTheEndIsRejected() =>
        AssertRejected(WithHeader("{}", headerLengthOverride: 4096), "past the end");

    [Fact]
    public void HugeHeaderLengthIsRejected() =>
        AssertRejected(WithHeader("{}", headerLengthOverride: ulong.MaxValue), "exceeds");

    [Fact]
    public void BadJsonIsRejected() =>
        AssertRejected(WithHeader("{\"w\":{\"dtype\":"), "not valid UTF-8 JSON");

    [Fact]
    public void InvalidUtf8IsRejected() =>
        AssertRejected(WithHeader("{\"\u00ff\":1}", corruptUtf8: true), "not valid UTF-8 JSON");

    [Fact]
    public void HeaderThatIsNotAnObjectIsRejected() =>
        AssertRejected(WithHeader("[1,2]"), "not an object");

    [Fact]
    public void UnknownDTypeIsRejected() =>
        AssertRejected(WithHeader("{\"w\":{\"dtype\":\"F7\",\"shape\":[1],\"data_offsets\":[0,4]}}", dataBytes: 4), "unknown or unsupported dtype 'F7'");

    [Fact]
    public void OffsetsPastTheEndAreRejected() =>
        AssertRejected(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", dataBytes: 8), "past the end of the data section");

    [Fact]
    public void ShapeThatDisagreesWithByteCountIsRejected() =>
        AssertRejected(WithHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,16]}}", dataBytes: 16), "needs 12 bytes");

    [Fact]
    public void OverlappingTensorsAreRejected() =>
        AssertRejected(
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", dataBytes: 12),
            "overlaps");

    [Fact]
    public void GapBetweenTensorsIsRejected() =>
        AssertRejected(
            WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", dataBytes: 12),
            "gap");

    [Fact]
    public void TrailingBytesNoTensorOwnsAreRejected() =>
        AssertRejected(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", dataBytes: 12), "account for 4");

    [Fact]
    public void NegativeShapeIsRejected() =>
        AssertRejected(WithHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", dataBytes: 4), "non-negative integer");

    [Fact]
    public void NonStringMetadataIsRejected() =>
        AssertRejected(WithHeader("{\"__metadata__\":{\"epoch\":3}}"), "not a string");

    [Fact]
    public void TruncatedValidFileIsRejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("whole.safetensors");
        using var x = Tensor.Ones([64], DType.Float32);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = x });
        var bytes = File.ReadAllBytes(path);

        AssertRejected(bytes[..^10], "past the end");
    }

    private static void AssertRejected(byte[] contents, string expectedProblem)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, contents);

        var error = Assert.Throws<CheckpointFormatException>(() => SafetensorsFile.Open(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expectedProblem, error.Message);
        Assert.Throws<CheckpointFormatException>(() => Safetensors.Load(path));
    }

    private static byte[] WithHeader(string header, int dataBytes = 0, ulong? headerLengthOverride = null, bool corruptUtf8 = false)
    {
        var headerBytes = corruptUtf8 ? Encoding.Latin1.GetBytes(header) : Encoding.UTF8.GetBytes(header);
        var result = new byte[8 + headerBytes.Length + dataBytes];
        BitConverter.TryWriteBytes(result.AsSpan(0, 8), headerLengthOverride ?? (ulong)headerBytes.Length);
        headerBytes.CopyTo(result, 8);
        return result;
    }
}

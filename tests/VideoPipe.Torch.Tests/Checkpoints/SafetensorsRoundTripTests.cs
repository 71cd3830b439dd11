using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class SafetensorsRoundTripTests
{
    public static TheoryData<DType> AllDTypes() => new()
    {
        DType.Float32, DType.Float16, DType.BFloat16, DType.Float64, DType.Int64,
        DType.Int32, DType.Int16, DType.Int8, DType.UInt8, DType.Bool,
    };

    [Theory]
    [MemberData(nameof(AllDTypes))]
    public void EveryDTypeSurvivesSaveAndLoadBitForBit(DType dtype)
    {
        using var dir = new TemporaryDirectory();
        var bytes = PatternBytes(2 * 3 * 5 * dtype.ElementSize(), dtype);
        using var original = Tensor.FromBytes(bytes, dtype, 2, 3, 5);
        var path = dir.File("one.safetensors");

        Safetensors.Save(path, new Dictionary<string, Tensor> { ["weight"] = original });

        var loaded = Safetensors.Load(path);
        using var tensor = Assert.Single(loaded).Value;
        Assert.Equal(dtype, tensor.DType);
        Assert.Equal(new long[] { 2, 3, 5 }, tensor.Shape);
        Assert.Equal(bytes, tensor.ToBytes());
    }

    [Fact]
    public void MixedDTypesScalarsEmptyTensorsAndMetadataRoundTrip()
    {
        using var dir = new TemporaryDirectory();
        using var scalar = Tensor.Scalar(3.5, DType.Float64);
        using var empty = Tensor.Zeros([0, 4], DType.Float32);
        using var flags = Tensor.FromArray(new[] { true, false, true }, 3);
        using var halfs = Tensor.FromArray(new[] { (Half)1.5, (Half)(-2) }, 2);
        using var longs = Tensor.FromArray(new long[] { long.MinValue, 7, long.MaxValue }, 3);
        var tensors = new Dictionary<string, Tensor>
        {
            ["z.scalar"] = scalar, ["a.empty"] = empty, ["flags"] = flags, ["halfs"] = halfs, ["longs"] = longs,
        };
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "quote \" backslash \\ ünïcode" };
        var path = dir.File("mixed.safetensors");

        Safetensors.Save(path, tensors, metadata);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal(metadata, file.Metadata);
        Assert.Equal(tensors.Keys.Order(), file.Entries.Select(e => e.Name).Order());
        foreach (var (name, expected) in tensors)
        {
            using var got = file.Load(name);
            Assert.Equal(expected.DType, got.DType);
            Assert.Equal(expected.Shape, got.Shape);
            Assert.Equal(expected.ToBytes(), got.ToBytes());
        }
    }

    [Fact]
    public void NonContiguousTensorIsSavedInLogicalOrder()
    {
        using var dir = new TemporaryDirectory();
        using var matrix = Tensor.FromArray(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        using var transposed = matrix.Transpose(0, 1);
        var path = dir.File("t.safetensors");

        Safetensors.Save(path, new Dictionary<string, Tensor> { ["t"] = transposed });

        using var file = SafetensorsFile.Open(path);
        using var loaded = file.Load("t");
        Assert.Equal(new long[] { 3, 2 }, loaded.Shape);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, loaded.ToArray<float>());
    }

    [Fact]
    public void HeaderIsPaddedToEightBytesAndDataIsAlignedLargestDTypeFirst()
    {
        using var dir = new TemporaryDirectory();
        using var b = Tensor.FromArray(new byte[] { 1, 2, 3 }, 3);
        using var d = Tensor.FromArray(new double[] { 1, 2 }, 2);
        using var f = Tensor.FromArray(new float[] { 1 }, 1);
        var path = dir.File("aligned.safetensors");

        Safetensors.Save(path, new Dictionary<string, Tensor> { ["a_bytes"] = b, ["b_doubles"] = d, ["c_float"] = f });

        var raw = File.ReadAllBytes(path);
        var headerLength = (long)BitConverter.ToUInt64(raw, 0);
        Assert.Equal(0, headerLength % 8);
        var header = System.Text.Encoding.UTF8.GetString(raw, 8, (int)headerLength);
        Assert.Equal(
            "{\"b_doubles\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
            + "\"c_float\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]},"
            + "\"a_bytes\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[20,23]}}",
            header.TrimEnd(' '));
        Assert.Equal(8 + headerLength + 23, raw.Length);
    }

    [Theory]
    [InlineData(false, "{\"x\":{")]
    [InlineData(true, "{\"__metadata__\":{},\"x\":{")]
    public void MetadataObjectIsWrittenExactlyWhenGiven(bool giveEmptyMetadata, string expectedHeaderStart)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("m.safetensors");
        using var x = Tensor.Zeros([1]);

        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = x }, giveEmptyMetadata ? new Dictionary<string, string>() : null);

        Assert.StartsWith(expectedHeaderStart, System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(path), 8, 24));
    }

    [Fact]
    public void SaveReplacesAnExistingFileAndLeavesNoTemporaryFiles()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("model.safetensors");
        File.WriteAllText(path, "old contents");
        using var x = Tensor.FromArray(new int[] { 42 }, 1);

        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = x });

        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName));
        var loaded = Safetensors.Load(path);
        using var got = loaded["x"];
        Assert.Equal(new[] { 42 }, got.ToArray<int>());
    }

    private static byte[] PatternBytes(int count, DType dtype)
    {
        var bytes = new byte[count];
        var random = new Random(1234);
        random.NextBytes(bytes);
        if (dtype == DType.Bool)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)(bytes[i] & 1);
            }
        }

        return bytes;
    }
}

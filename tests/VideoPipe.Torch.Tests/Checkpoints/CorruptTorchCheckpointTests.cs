using System.IO.Compression;
using VideoPipe.Torch.Checkpoints;
using static VideoPipe.Torch.Tests.Checkpoints.HandWrittenTorchZip;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class CorruptTorchCheckpointTests
{
    private static readonly Dictionary<string, byte[]> FourFloats = new() { ["0"] = new byte[16] };

    [Fact]
    public void HandWrittenStridedViewLoads()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("ok.pt");
        var storage = new Dictionary<string, byte[]> { ["0"] = [.. new float[] { 10, 11, 12, 13 }.SelectMany(BitConverter.GetBytes)] };
        Write(path, Program(DictOf(FloatTensor(storageElements: 4, offset: 1, size: 2, stride: 2))), storage, folder: "any_name");

        using var loaded = Checkpoint.LoadStateDict(path);

        Assert.Equal(new float[] { 11, 13 }, loaded["w"].ToArray<float>());
    }

    [Fact]
    public void ViewReachingPastItsStorageIsRejected() =>
        AssertRejected(Program(DictOf(FloatTensor(storageElements: 4, offset: 1, size: 3, stride: 2))), FourFloats, "reads past storage");

    [Fact]
    public void MissingStorageRecordIsRejected() =>
        AssertRejected(Program(DictOf(FloatTensor(4, 0, 4, 1))), new Dictionary<string, byte[]>(), "storage record 'archive/data/0' is missing");

    [Fact]
    public void ShortStorageRecordIsRejected() =>
        AssertRejected(Program(DictOf(FloatTensor(4, 0, 4, 1))), new Dictionary<string, byte[]> { ["0"] = new byte[12] }, "holds 12 bytes");

    [Fact]
    public void PickleWithoutStopIsRejected() =>
        AssertRejected([0x80, 2, (byte)'}'], null, "without STOP");

    [Fact]
    public void UnsupportedOpcodeIsRejected() =>
        AssertRejected(Program([(byte)'I', .. "12\n"u8.ToArray()]), null, "unsupported pickle opcode 0x49 ('I')");

    [Fact]
    public void StringRunningPastTheEndIsRejected() =>
        AssertRejected([0x80, 2, (byte)'X', 0xff, 0xff, 0, 0, (byte)'a'], null, "runs past the end");

    [Fact]
    public void OpcodesCannotReachBelowTheInnermostMark() =>
        AssertRejected(Program([.. Op('}'), .. Op('('), .. Unicode("k"), .. Unicode("v"), .. Op('s')]), null, "stack underflow");

    [Fact]
    public void SelfReferencingListLoadsWithoutLoopingForever()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("cycle.pt");
        Write(path, Program([.. Op(']'), (byte)'q', 0, (byte)'h', 0, .. Op('a')]));

        var list = Assert.IsType<List<object?>>(TorchCheckpoint.Load(path));

        Assert.Same(list, Assert.Single(list));
    }

    [Fact]
    public void RootThatIsNotADictIsRejectedByLoadStateDict()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("list.pt");
        Write(path, Program([.. Op(']')]));

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path));

        Assert.Contains("holds a list", error.Message);
    }

    [Fact]
    public void ZipWithoutDataPickleIsRejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("other.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("readme.txt");
        }

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path));

        Assert.Contains("no <folder>/data.pkl", error.Message);
    }

    [Fact]
    public void TruncatedCheckpointIsRejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("cut.pth");
        var bytes = File.ReadAllBytes(CheckpointFixtures.NestedPrefixed);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void LegacyPickleFormatIsRejectedWithAHint()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("legacy.pt");
        File.WriteAllBytes(path, Program(Op('}')));

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path));

        Assert.Contains("legacy", error.Message);
    }

    [Fact]
    public void UnrecognisedFileIsRejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("notes.txt");
        File.WriteAllText(path, "these are not weights at all");

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path));

        Assert.Contains("neither a safetensors file nor a PyTorch zip checkpoint", error.Message);
    }

    [Fact]
    public void PrefixStripCollisionIsRejected()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("clash.safetensors");
        using var a = Tensor.Zeros([1]);
        using var b = Tensor.Ones([1]);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["module.w"] = a, ["w"] = b });

        var error = Assert.Throws<CheckpointFormatException>(() => Checkpoint.LoadStateDict(path, stripPrefix: "module."));

        Assert.Contains("both become 'w' after stripping 'module.'", error.Message);
    }

    private static void AssertRejected(byte[] pickle, IReadOnlyDictionary<string, byte[]>? storages, string expectedProblem)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("bad.pt");
        Write(path, pickle, storages);

        var error = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Load(path));

        Assert.Contains(path, error.Message);
        Assert.Contains(expectedProblem, error.Message);
    }
}

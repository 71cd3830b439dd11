using VideoPipe.Torch.Checkpoints;
using static VideoPipe.Torch.Tests.Checkpoints.HandWrittenTorchZip;

namespace VideoPipe.Torch.Tests.Checkpoints;

public class MaliciousCheckpointTests
{
    public static TheoryData<string, string> TorchSavedPayloads() => new()
    {
        { "malicious_posix_system.pth", "posix.system" },
        { "malicious_builtins_eval.pt", "builtins.eval" },
    };

    [Theory]
    [MemberData(nameof(TorchSavedPayloads))]
    public void PayloadIsRejectedByNameAndNeverRuns(string fixture, string globalName)
    {
        var path = CheckpointFixtures.Path(fixture);
        File.Delete(CheckpointFixtures.PwnedMarker);

        var loadErrors = new[]
        {
            Assert.Throws<CheckpointSecurityException>(() => TorchCheckpoint.Load(path)),
            Assert.Throws<CheckpointSecurityException>(() => TorchCheckpoint.LoadStructure(path)),
            Assert.Throws<CheckpointSecurityException>(() => Checkpoint.LoadStateDict(path)),
        };

        foreach (var error in loadErrors)
        {
            Assert.Equal(globalName, error.GlobalName);
            Assert.Contains(globalName, error.Message);
            Assert.Contains(path, error.Message);
        }

        Assert.False(File.Exists(CheckpointFixtures.PwnedMarker), "the payload's shell command ran");
    }

    [Theory]
    [InlineData("subprocess", "Popen")]
    [InlineData("builtins", "exec")]
    [InlineData("builtins", "set")]
    [InlineData("torch.storage", "_load_from_bytes")]
    [InlineData("torch", "load")]
    [InlineData("collections", "defaultdict")]
    public void AnyGlobalOffTheAllowListIsRejected(string module, string name)
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("hostile.pt");
        Write(path, Program(DictOf([.. Global(module, name), .. Unicode("x"), 0x85, .. Op('R')])));

        var error = Assert.Throws<CheckpointSecurityException>(() => TorchCheckpoint.Load(path));

        Assert.Equal(module + "." + name, error.GlobalName);
    }

    [Fact]
    public void StackGlobalIsCheckedLikeGlobal()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("hostile.pt");
        Write(path, Program([.. Unicode("os"), .. Unicode("system"), 0x93, .. Unicode("true"), 0x85, .. Op('R')]));

        var error = Assert.Throws<CheckpointSecurityException>(() => TorchCheckpoint.Load(path));

        Assert.Equal("os.system", error.GlobalName);
    }

    [Fact]
    public void AllowedGlobalsCannotBeCalledWithForeignMeaning()
    {
        using var dir = new TemporaryDirectory();
        var path = dir.File("odd.pt");
        Write(path, Program([.. Global("torch", "FloatStorage"), .. Op(')'), .. Op('R')]));

        var error = Assert.Throws<CheckpointFormatException>(() => TorchCheckpoint.Load(path));

        Assert.Contains("torch.FloatStorage is not callable", error.Message);
    }
}

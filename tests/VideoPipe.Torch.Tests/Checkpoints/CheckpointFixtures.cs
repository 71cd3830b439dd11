namespace VideoPipe.Torch.Tests.Checkpoints;

/// <summary>The committed files made by Fixtures/make_fixtures.py, found by walking up from the test binaries.</summary>
internal static class CheckpointFixtures
{
    private const string RelativeFolder = "tests/VideoPipe.Torch.Tests/Checkpoints/Fixtures";

    /// <summary>The shell command in the malicious fixtures would create this file.</summary>
    public const string PwnedMarker = "/tmp/videopipe_checkpoint_pwned_marker";

    public static string NestedPrefixed => Path("nested_prefixed.pth");

    public static string PlainStateDict => Path("plain_state_dict.pt");

    public static string ExpectedStateDict => Path("expected_state_dict.safetensors");

    public static string ExpectedModel => Path("expected_model.safetensors");

    public static string MaliciousPosixSystem => Path("malicious_posix_system.pth");

    public static string MaliciousBuiltinsEval => Path("malicious_builtins_eval.pt");

    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, RelativeFolder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"fixture {name} not found under any parent's {RelativeFolder}");
    }
}

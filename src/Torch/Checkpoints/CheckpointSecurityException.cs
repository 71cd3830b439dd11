namespace VideoPipe.Torch.Checkpoints;

/// <summary>
/// A pickled checkpoint references a global outside the allow-list (for example <c>posix.system</c> or
/// <c>builtins.eval</c>). Loading stops at that reference; nothing from the file is ever executed.
/// </summary>
public sealed class CheckpointSecurityException : Exception
{
    public CheckpointSecurityException(string path, string globalName)
        : base($"{path}: the pickle references '{globalName}', which is not on the allow-list of checkpoint globals; refusing to load it (nothing was executed)")
    {
        FilePath = path;
        GlobalName = globalName;
    }

    public string FilePath { get; }

    /// <summary>The rejected global as <c>module.name</c>.</summary>
    public string GlobalName { get; }
}

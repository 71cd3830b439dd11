namespace VideoPipe.Torch.Checkpoints;

/// <summary>A checkpoint file is truncated, corrupt or inconsistent; the message names the file and the problem.</summary>
public sealed class CheckpointFormatException : Exception
{
    public CheckpointFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>The file that failed to parse.</summary>
    public string FilePath { get; }

    /// <summary>What was wrong with it.</summary>
    public string Problem { get; }
}

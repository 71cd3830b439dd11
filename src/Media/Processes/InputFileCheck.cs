namespace VideoPipe.Media.Processes;

/// <summary>The checks that need no tool: the file exists and is not empty.</summary>
internal static class InputFileCheck
{
    /// <returns>The file size in bytes.</returns>
    public static long RequireNonEmptyFile(string path)
    {
        var file = new FileInfo(path);
        if (Directory.Exists(path))
        {
            throw new VideoInputException(path, VideoInputErrorKind.NotAVideo, "it is a directory, not a file");
        }

        if (!file.Exists)
        {
            throw new VideoInputException(path, VideoInputErrorKind.NotFound, "the file does not exist");
        }

        return file.Length == 0
            ? throw new VideoInputException(path, VideoInputErrorKind.EmptyFile, "the file is empty (0 bytes)")
            : file.Length;
    }
}

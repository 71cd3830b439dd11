namespace VideoPipe.Precompute;

/// <summary>
/// One input video at its place in the work list. <see cref="Key"/> is the path as the input names it (relative to
/// the scanned folder or as written in the manifest); item ids derive from it, so moving the dataset root does not
/// change them.
/// </summary>
public sealed record SourceVideo(long Position, string Key, string FullPath);

namespace VideoPipe.Engine;

/// <summary>
/// One clip's latent file in a dataset: a <c>.safetensors</c> file of its own, or a member of a WebDataset tar
/// (then <see cref="Member"/> names it and its bytes sit at <see cref="MemberOffset"/>).
/// </summary>
public sealed record LatentEntry(LatentFileMetadata Metadata, string Path, string? Member = null, long MemberOffset = 0, long MemberLength = 0)
{
    /// <summary>Where the entry is, for messages: the file, or archive:member.</summary>
    public string Location => Member is null ? Path : $"{Path}:{Member}";
}

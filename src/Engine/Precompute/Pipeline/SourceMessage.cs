using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>What the decode stage reports about a source, in order: its clips, then how the source ended.</summary>
public abstract record SourceMessage(SourceVideo Source);

/// <summary>A decoded clip: video [1, 3, T, H, W] in [-1, 1] (float32), owned by whoever holds the message.</summary>
public sealed record ClipToEncode(ClipDescriptor Clip, Tensor Video) : SourceMessage(Clip.Source), IDisposable
{
    public void Dispose() => Video.Dispose();
}

/// <summary>A clip whose output is already complete and valid (a restart), or that an earlier run quarantined.</summary>
public sealed record ClipAlreadySettled(SourceVideo Video, string ItemId, ClipWindow Window, bool Quarantined, string? Bucket = null) : SourceMessage(Video);

/// <summary>
/// Every clip of the source was handed on; <see cref="ItemIds"/> lists them in order. <see cref="Warnings"/>: what
/// ffmpeg complained about although every frame decoded (recorded in the ledger, the source is not quarantined).
/// </summary>
public sealed record SourceCompleted(SourceVideo Video, SourceFacts? Facts, IReadOnlyList<string> ItemIds, bool SkippedByLedger, IReadOnlyList<string> Warnings) : SourceMessage(Video);

/// <summary>The source could not be read after its attempts (or could never be: not a video).</summary>
public sealed record SourceQuarantined(SourceVideo Video, string Reason, int Attempts) : SourceMessage(Video);

/// <summary>A failed attempt worth a ledger line (a retry follows).</summary>
public sealed record AttemptFailed(SourceVideo Video, string? ItemId, int Attempt, string Reason) : SourceMessage(Video);

using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>What the decode stage reports about a source, in order: its clips, then how the source ended.</summary>
public abstract record SourceMessage(SourceVideo Source);

/// <summary>A decoded clip: video [1, 3, T, H, W] in [-1, 1] (float32), owned by whoever holds the message.</summary>
public sealed record ClipToEncode(ClipDescriptor Clip, Tensor Video) : SourceMessage(Clip.Source), IDisposable
{
    public void Dispose() => Video.Dispose();
}

/// <summary>
/// The next chunk of a whole-video clip streamed through the tokenizer's exact encode session: video [1, 3, t, H, W]
/// in [-1, 1] (float32), owned by whoever holds the message. A <see cref="ClipStreamEnded"/> closes the clip; any
/// other message of the source before it abandons the stream (a failed decode attempt starts it again).
/// </summary>
public sealed record ClipChunkToEncode(SourceVideo Video, Tensor Frames) : SourceMessage(Video), IDisposable
{
    public void Dispose() => Frames.Dispose();
}

/// <summary>
/// The streamed clip's last chunk was sent: the clip as it turned out (its frame count, so its item id, is known only
/// now). <see cref="Settled"/>: its output was already complete (a restart), so the streamed encode is dropped.
/// </summary>
public sealed record ClipStreamEnded(ClipDescriptor Clip, ClipAlreadySettled? Settled) : SourceMessage(Clip.Source);

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

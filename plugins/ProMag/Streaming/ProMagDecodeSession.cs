using VideoPipe.Abstractions;
using VideoPipe.Plugins.Sdk;
using VideoPipe.Torch;

namespace VideoPipe.Plugins.ProMag.Streaming;

/// <summary>
/// Chunked decode (see <see cref="ProMagTokenizer.BeginDecode"/>): latents are split into the encode session's chunks
/// (1 + 16/k latent frames each, the rest at the end); each chunk's frames but its last
/// <see cref="ProMagCard.ChunkOverlapFrames"/> go out at once, those wait to be blended with the next chunk's first
/// (<see cref="OverlapBlend"/>), or go out as they are at Complete. Holds at most one chunk of latents and 4 frames.
/// </summary>
public sealed class ProMagDecodeSession : IDecodeSession
{
    private readonly ProMagTokenizer tokenizer;
    private readonly ProMagSettings settings;
    private readonly long chunkLatents;
    private readonly PendingFrames pending = new();
    private Tensor? tail;

    internal ProMagDecodeSession(ProMagTokenizer tokenizer, ProMagSettings settings)
    {
        this.tokenizer = tokenizer;
        this.settings = settings;
        chunkLatents = tokenizer.Card.FrameRule.LatentFrames(ProMagCard.ChunkFrames);
    }

    /// <summary>Latent frames received but not yet decoded.</summary>
    public long PendingLatentFrames => pending.Available;

    /// <summary>Decoded frames held for blending with the next chunk.</summary>
    public long HeldFrames => tail?.Size(2) ?? 0;

    public Tensor? Push(Tensor latents)
    {
        var c = tokenizer.Model.Config.LatentChannels;
        if (latents.Dim != 5 || latents.Size(1) != c)
        {
            throw new ArgumentException($"ProMAG decodes latents (B, {c}, t, h, w), got [{string.Join(", ", latents.Shape)}]");
        }

        return pending.Feed(latents, Device.Cpu, () => Drain(final: false));
    }

    public Tensor? Complete() => pending.Feed(null, Device.Cpu, () => Drain(final: true));

    private Tensor? Drain(bool final)
    {
        var decoded = pending.Drain(current => current.Size(2) >= chunkLatents ? chunkLatents : final ? current.Size(2) : 0, DecodeChunk);
        if (!final || tail is null)
        {
            return decoded;
        }

        var last = tail.Clone();
        tail.Dispose();
        tail = null;
        return decoded is null ? last : Tensor.Cat([decoded, last], 2);
    }

    /// <summary>The chunk's frames that are final now: blended head, body; its last frames are held.</summary>
    private Tensor DecodeChunk(Tensor latents)
    {
        using var scope = DisposeScope.Enter();
        var video = tokenizer.DecodeClip(latents, settings);
        var frames = video.Size(2);
        var lead = tail is null ? 0 : Math.Min(tail.Size(2), frames);
        var held = Math.Min(ProMagCard.ChunkOverlapFrames, frames - lead);
        var parts = new List<Tensor>();
        if (lead > 0)
        {
            parts.Add(OverlapBlend.Blend(tail!.Narrow(2, 0, lead), video.Narrow(2, 0, lead)));
        }

        parts.Add(video.Narrow(2, lead, frames - lead - held));
        tail?.Dispose();
        tail = DisposeScope.Detach(video.Narrow(2, frames - held, held).Clone());
        return scope.Keep(parts.Count == 1 ? parts[0] : Tensor.Cat(parts, 2));
    }

    public void Dispose()
    {
        pending.Dispose();
        tail?.Dispose();
    }
}

using System.Diagnostics;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Precompute;

/// <summary>
/// A whole-video clip on its way through an exact streaming encode session: the latents the session returns are kept
/// (on the CPU, small beside the video) and joined when the clip ends. A failure is remembered and reported then,
/// when the clip's id is known; its frames are gone, so a streamed clip has one attempt.
/// </summary>
internal sealed class StreamedClip : IDisposable
{
    private readonly List<Tensor> latents = [];
    private readonly Stopwatch busy = new();

    public IEncodeSession? Session { get; set; }

    public string? Failure { get; private set; }

    /// <summary>Seconds spent in the session so far.</summary>
    public double Seconds => busy.Elapsed.TotalSeconds;

    /// <summary>Runs one session call, timing it and keeping what it returns.</summary>
    public async Task RunAsync(Func<Task<Tensor?>> call)
    {
        busy.Start();
        try
        {
            if (await call() is { } latent)
            {
                latents.Add(latent);
            }
        }
        finally
        {
            busy.Stop();
        }
    }

    public void Fail(string reason) => Failure ??= reason;

    /// <summary>Every latent frame returned, in order [C, t, h, w]; the caller owns it.</summary>
    public Tensor Join() => latents.Count switch
    {
        0 => throw new InvalidOperationException("the encode session returned no latents"),
        1 => latents[0].Clone(),
        _ => Tensor.Cat(latents, 1),
    };

    public void Dispose()
    {
        foreach (var latent in latents)
        {
            latent.Dispose();
        }

        latents.Clear();
        Session?.Dispose();
        Session = null;
    }
}

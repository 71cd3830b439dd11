using System.Text.Json;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Writes one clip's <c>&lt;item&gt;.metrics.json</c> as its frames are scored: each frame's entry goes straight to a
/// temporary file and the clip's means are running sums, so memory does not grow with the clip's length (a 2-hour
/// film has 180,000 entries). <see cref="Complete"/> appends the means after <c>perFrame</c>, flushes to disk and
/// renames; a clip that does not complete leaves no file.
/// </summary>
internal sealed class ClipMetricsWriter : IDisposable
{
    private const int FlushBytes = 64 * 1024;

    private readonly string path;
    private readonly string temporary;
    private readonly string item;
    private readonly FileStream stream;
    private readonly Utf8JsonWriter json;
    private int frames;
    private double psnrSum;
    private double ssimSum;
    private double squaredErrorSum;
    private bool completed;

    public ClipMetricsWriter(string path, string item, string source)
    {
        this.path = path;
        this.item = item;
        temporary = AtomicFile.TemporaryPathFor(path);
        stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("item", item);
        json.WriteString("source", source);
        json.WriteStartArray("perFrame");
    }

    public void Add(long index, double psnr, double ssim, double mse)
    {
        json.WriteStartObject();
        json.WriteNumber("index", index);
        json.WriteNumber("psnr", psnr);
        json.WriteNumber("ssim", ssim);
        json.WriteEndObject();
        if (json.BytesPending >= FlushBytes)
        {
            json.Flush();
        }

        frames++;
        psnrSum += psnr;
        ssimSum += ssim;
        squaredErrorSum += mse;
    }

    /// <summary>Writes the clip's means (mean PSNR, PSNR of the mean squared error, mean SSIM) and publishes the file.</summary>
    public ClipSummary Complete()
    {
        if (frames == 0)
        {
            throw new InvalidOperationException($"metrics for '{item}': the clip ended without frames");
        }

        var summary = new ClipSummary(item, frames, psnrSum / frames, ssimSum / frames);
        json.WriteEndArray();
        json.WriteNumber("frames", frames);
        json.WriteNumber("psnr", summary.Psnr);
        json.WriteNumber("psnrOfMeanMse", FrameQuality.PsnrOf(squaredErrorSum / frames));
        json.WriteNumber("ssim", summary.Ssim);
        json.WriteEndObject();
        json.Flush();
        stream.Flush(flushToDisk: true);
        Close();
        File.Move(temporary, path, overwrite: true);
        completed = true;
        return summary;
    }

    public void Dispose()
    {
        if (completed)
        {
            return;
        }

        Close();
        File.Delete(temporary);
    }

    private void Close()
    {
        json.Dispose();
        stream.Dispose();
    }
}

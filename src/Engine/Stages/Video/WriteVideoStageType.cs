using System.Collections.Concurrent;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using FrameBlock = VideoPipe.Abstractions.FrameBlock;

namespace VideoPipe.Engine.Stages;

/// <summary>
/// Encodes each clip's frames to <c>directory/&lt;item id&gt;.&lt;ext&gt;</c> (or a name after its source) with ffmpeg (VideoPipe.Media). The file
/// appears only when the clip's last frame is written; an aborted or quarantined clip leaves nothing. <c>file: "-"</c>
/// streams the container to standard output instead (nut unless <c>format</c> says otherwise).
/// </summary>
public sealed class WriteVideoStageType : IStageType
{
    public string Name => "write";

    public string Description => "Frames to a video file per clip.";

    public PortKind Input => PortKind.Frames;

    public PortKind Output => PortKind.None;

    public bool OrderedInput => true;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("directory", OptionKind.String, "output folder (relative to the pipeline file); one of directory, file"),
        new("file", OptionKind.String, "one output file for a single-item pipeline (relative to the pipeline file; \"-\" is standard output); one of directory, file"),
        new("format", OptionKind.String, "container for 'file' (default: from its extension; nut for \"-\")") { AllowedValues = ["mp4", "mkv", "nut"] },
        new("encoding", OptionKind.String, "codec (default h264)") { AllowedValues = ["h264", "lossless-ffv1", "lossless-h264rgb"] },
        new("crf", OptionKind.Integer, "x264 quality for h264 (default 18)") { Minimum = 0 },
        new("extension", OptionKind.String, "file extension, picks the container (default mp4)") { AllowedValues = ["mp4", "mkv", "nut"] },
        new("names", OptionKind.String, "a directory's file names: the item id (default) or the item's source path (relative sources keep their folders)") { AllowedValues = ["id", "source"] },
    ];

    public void Validate(StageValidationContext context)
    {
        var options = new OptionReader(context.Options);
        if (options.Has("directory") == options.Has("file"))
        {
            context.OptionError(null, "write needs exactly one of options.directory, options.file");
        }

        if (options.Has("format") && !options.Has("file"))
        {
            context.OptionError("format", "only applies with options.file (a directory's files take 'extension')");
        }

        if (options.Has("names") && !options.Has("directory"))
        {
            context.OptionError("names", "only applies with options.directory");
        }
    }

    public IStage Create(StageContext context)
    {
        var options = new OptionReader(context.Options);
        var file = options.String("file") is { } f ? StandardStreams.IsDash(f) ? f : context.ResolvePath(f) : null;
        var directory = file is null ? context.ResolvePath(options.String("directory")!) : Path.GetDirectoryName(Path.GetFullPath(file))!;
        if (!StandardStreams.IsDash(file))
        {
            Directory.CreateDirectory(directory);
        }

        VideoContainer? container = options.String("format") switch
        {
            "mp4" => VideoContainer.Mp4,
            "mkv" => VideoContainer.Matroska,
            "nut" => VideoContainer.Nut,
            _ => StandardStreams.IsDash(file) ? VideoContainer.Nut : null,
        };
        var encoding = options.String("encoding", "h264") switch
        {
            "lossless-ffv1" => VideoEncoding.LosslessFfv1,
            "lossless-h264rgb" => VideoEncoding.LosslessH264Rgb,
            _ => VideoEncoding.H264,
        };
        var extension = options.String("extension", encoding == VideoEncoding.LosslessFfv1 ? "mkv" : "mp4");
        var naming = new OutputNaming(directory, extension, options.String("names", "id") == "source");
        return new WriteVideoStage(naming, file, container, encoding, options.Int("crf", 18));
    }
}

internal sealed class WriteVideoStage(OutputNaming naming, string? file, VideoContainer? container, VideoEncoding encoding, int crf)
    : IItemStateStage, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, VideoWriter> writers = new(StringComparer.Ordinal);
    private string? fileOwner;

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var block = (FrameBlock)message.Payload;
        if (file is not null)
        {
            ClaimFile(message.Item.Id);
        }

        var writer = writers.GetOrAdd(message.Item.Id, _ => VideoWriter.Create(file ?? naming.PathFor(message.Item), new VideoWriteOptions
        {
            Width = block.Width,
            Height = block.Height,
            FrameRate = Rational.FromDouble(block.Fps),
            Encoding = encoding,
            Crf = crf,
            Container = container,
        }));
        var pixels = block.Frames.ToBytes();
        var frameBytes = block.Width * block.Height * 3;
        for (var i = 0; i < block.Count; i++)
        {
            await writer.WriteAsync(pixels.AsMemory(i * frameBytes, frameBytes), cancellationToken);
        }

        if (message.EndOfItem && writers.TryRemove(message.Item.Id, out _))
        {
            await using (writer)
            {
                await writer.CompleteAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// One file holds one item: a second would replace the first file or, on standard output, follow the first
    /// container in the same stream and corrupt it. The validator rejects this when the source lists its files.
    /// </summary>
    private void ClaimFile(string itemId)
    {
        var owner = Interlocked.CompareExchange(ref fileOwner, itemId, null) ?? itemId;
        if (owner == itemId)
        {
            return;
        }

        throw new InvalidOperationException(StandardStreams.IsDash(file)
            ? $"item '{itemId}' is a second item for standard output (\"-\"), which already carries item '{owner}'; a second video would corrupt the stream. Write several items with options.directory"
            : $"item '{itemId}' is a second item for the single file {file}, which holds item '{owner}'; write several items with options.directory");
    }

    public void Discard(string itemId)
    {
        if (writers.TryRemove(itemId, out var writer))
        {
            writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in writers.Keys.ToList())
        {
            if (writers.TryRemove(id, out var writer))
            {
                await writer.DisposeAsync();
            }
        }
    }
}

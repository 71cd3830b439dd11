using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;
using FrameBlock = VideoPipe.Abstractions.FrameBlock;

namespace VideoPipe.Engine.Stages;

/// <summary>Reads each clip with ffmpeg (VideoPipe.Media) into uint8 rgb24 frame blocks; source "-" is a stream on stdin.</summary>
public sealed class DecodeStageType : IStageType
{
    public string Name => "decode";

    public string Description => "Video files to rgb24 frame blocks (resize, crop to a size multiple, resample fps).";

    public PortKind Input => PortKind.Items;

    public PortKind Output => PortKind.Frames;

    public IReadOnlyList<StageOption> Options { get; } =
    [
        new("shorterSide", OptionKind.Integer, "resize so the shorter side has this many pixels") { Minimum = 1 },
        new("sizeMultiple", OptionKind.Integer, "crop (or pad) width and height to multiples of this (default 1)") { Minimum = 1 },
        new("fit", OptionKind.String, "how to reach the size multiple") { AllowedValues = ["crop", "pad"] },
        new("fps", OptionKind.Number, "resample to this frame rate") { Minimum = 0.001 },
        new("maxFrames", OptionKind.Integer, "read at most this many frames per clip") { Minimum = 1 },
        new("blockFrames", OptionKind.Integer, "frames per emitted block (default 16)") { Minimum = 1 },
        new("nice", OptionKind.Integer, "nice value (Linux CPU priority) of the decoding ffmpeg, so a CPU encoder keeps its cores (default 0: our priority)") { Minimum = 0 },
    ];

    public MediaShape DescribeOutput(JsonElement options, MediaShape input)
    {
        var settings = DecodeSettings.FromOptions(new OptionReader(options));
        return new MediaShape(null, null, settings.MaxFrames) { SizeMultiple = settings.SizeMultiple };
    }

    public IStage Create(StageContext context) =>
        new DecodeStage(DecodeSettings.FromOptions(new OptionReader(context.Options)), new OptionReader(context.Options).Int("nice", 0), context.Logger);
}

internal sealed class DecodeStage(DecodeSettings settings, int nice, ILogger logger) : IStage, IDisposable
{
    private readonly VideoReader reader = new();
    private readonly VideoProber prober = new();
    private readonly LowPriorityLauncher launcher = new(nice);

    public async ValueTask ProcessAsync(StageMessage message, IStageEmitter output, CancellationToken cancellationToken)
    {
        var source = message.Item;
        var item = source with { Attributes = settings.ToAttributes(source.Attributes) };
        double fps = 0;
        var options = settings.ToReadOptions(source);
        var blocks = Read(source, options, info =>
        {
            fps = settings.Fps ?? FrameRate(info);
            ReportLength(source, info, options, output);
        }, cancellationToken);
        var sequence = 0;
        long frames = 0;
        FrameBlock? pending = null;
        try
        {
            await foreach (var block in blocks)
            {
                FrameBlock converted;
                using (block)
                {
                    converted = ToTensorBlock(block, frames, fps);
                }

                frames += converted.Count;
                if (pending is not null)
                {
                    // Held back one block so the last one can carry EndOfItem.
                    var previous = pending;
                    pending = null;
                    await output.EmitAsync(new StageMessage(item, previous, EndOfItem: false) { Sequence = sequence++ }, cancellationToken);
                }

                pending = converted;
            }

            if (pending is null)
            {
                throw new InvalidDataException($"{Name(source)}: no frames in the requested range");
            }

            var last = pending;
            pending = null;
            await output.EmitAsync(new StageMessage(item, last, EndOfItem: true) { Sequence = sequence }, cancellationToken);
            logger.LogDebug("Decoded {Frames} frames of {Item}", frames, item.Id);
        }
        finally
        {
            pending?.Dispose();
        }
    }

    /// <summary>
    /// A file is probed first; standard input cannot be probed by path, so its description (size, frame rate) comes
    /// from the probe of the stream's first bytes, before the first block.
    /// </summary>
    private IAsyncEnumerable<Media.FrameBlock> Read(WorkItem source, VideoReadOptions options, Action<VideoInfo> described, CancellationToken cancellationToken) =>
        StandardStreams.IsDash(source.SourcePath)
            ? reader.ReadAsync(Console.OpenStandardInput(), StandardStreams.StdinName, described, options, cancellationToken)
            : ReadFile(source.SourcePath, options, described, cancellationToken);

    /// <summary>Tells progress how many frames this item will have; a stream on stdin has no known length and reports nothing.</summary>
    private static void ReportLength(WorkItem source, VideoInfo info, VideoReadOptions options, IStageEmitter output)
    {
        if (output is IItemLengthSink sink && !StandardStreams.IsDash(source.SourcePath) && ExpectedFrames.For(info, options) is { } expected)
        {
            sink.AddItemLength(expected.Frames, expected.Estimated);
        }
    }

    private static string Name(WorkItem source) => StandardStreams.IsDash(source.SourcePath) ? StandardStreams.StdinName : source.SourcePath;

    /// <summary>The average rate; a stream read from a pipe often has none (0/0), then the container's base rate.</summary>
    private static double FrameRate(VideoInfo info) =>
        info.AverageFrameRate.IsKnown ? info.AverageFrameRate.ToDouble()
        : info.RealFrameRate.IsKnown ? info.RealFrameRate.ToDouble()
        : throw new InvalidDataException($"{info.Path}: the video states no frame rate; set the decode stage's fps option");

    private async IAsyncEnumerable<Media.FrameBlock> ReadFile(string path, VideoReadOptions options, Action<VideoInfo> described,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var info = await prober.ProbeAsync(path, ProbeOptions.Default, cancellationToken);
        described(info);
        // ffmpeg starts at the stage's nice value.
        await foreach (var block in launcher.ReadAsync(reader, info, options, cancellationToken))
        {
            yield return block;
        }
    }

    public void Dispose() => launcher.Dispose();

    private static FrameBlock ToTensorBlock(Media.FrameBlock block, long firstFrame, double fps)
    {
        var width = block[0].Width;
        var height = block[0].Height;
        var bytes = block.Count * width * height * 3;
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            block.CopyTo(buffer.AsSpan(0, bytes));
            var tensor = Tensor.Empty([block.Count, height, width, 3], DType.UInt8);
            tensor.CopyFrom<byte>(buffer.AsSpan(0, bytes));
            return new FrameBlock(tensor, firstFrame, fps);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

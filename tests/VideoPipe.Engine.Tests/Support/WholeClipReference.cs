using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Media;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// What the streaming pipeline tests compare against: a tokenizer from a golden case's tiny config and weights, and
/// one Encode + Decode of a whole clip through it; plus reading a written video back and pushing messages through a stage.
/// </summary>
internal static class WholeClipReference
{
    public static ITokenizer CreateTokenizer(ComponentSet components, string family, string goldenCase)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(goldenCase, "case.json")));
        return components.Families[family].Create(new TokenizerRequest
        {
            Config = config.RootElement.GetProperty("config").Clone(),
            WeightsPath = Path.Combine(goldenCase, "weights.safetensors"),
            DeviceContext = CpuDeviceContext.Instance,
        });
    }

    /// <summary>Encode then Decode of the whole clip (uint8 [T, H, W, 3] in), as float [1, 3, T, H, W] in [-1, 1].</summary>
    public static Tensor Reconstruct(ITokenizer tokenizer, Tensor frames, DecodeOptions? decode = null)
    {
        using var scope = DisposeScope.Enter();
        var video = frames.Permute(3, 0, 1, 2).Unsqueeze(0).To(DType.Float32, Device.Cpu).Div(127.5).Sub(1.0).Contiguous();
        var decoded = tokenizer.Decode(tokenizer.Encode(video, EncodeOptions.Default), decode ?? DecodeOptions.Default);
        return scope.Keep(decoded.Contiguous());
    }

    /// <summary>
    /// The whole-clip reconstruction as the pipeline writes it: frames padded with the last one up to the frame rule,
    /// reconstructed, cropped back, rounded to uint8 [T, H, W, 3] (int32 for subtracting).
    /// </summary>
    public static Tensor Quantised(ITokenizer tokenizer, Tensor frames, DecodeOptions? decode = null)
    {
        using var scope = DisposeScope.Enter();
        var count = frames.Size(0);
        var padding = tokenizer.Card.FrameRule.RoundUp(count) - count;
        var padded = padding == 0 ? frames : Tensor.Cat([frames, frames.Narrow(0, count - 1, 1).Expand(padding, frames.Size(1), frames.Size(2), 3)], 0);
        var whole = Reconstruct(tokenizer, padded.Contiguous(), decode).Narrow(2, 0, count);
        return scope.Keep(whole.Squeeze(0).Permute(1, 2, 3, 0).Add(1.0).Mul(127.5).Round().Clamp(0, 255).To(DType.Int32, Device.Cpu));
    }

    /// <summary>A whole video as uint8 [T, H, W, 3].</summary>
    public static async Task<Tensor> ReadFrames(string path)
    {
        var bytes = new List<byte>();
        int count = 0, height = 0, width = 0;
        await foreach (var block in new VideoReader().ReadAsync(path))
        {
            using (block)
            {
                foreach (var frame in block)
                {
                    bytes.AddRange(frame.Span.ToArray());
                    (height, width) = (frame.Height, frame.Width);
                    count++;
                }
            }
        }

        return Tensor.FromArray(bytes.ToArray(), count, height, width, 3);
    }

    /// <summary>Every message of <paramref name="input"/> through <paramref name="stage"/> (payloads disposed after).</summary>
    public static async Task<CollectingEmitter> Through(IStage stage, CollectingEmitter input)
    {
        var output = new CollectingEmitter();
        foreach (var message in input.Messages)
        {
            await stage.ProcessAsync(message, output, default);
            ((IDisposable)message.Payload).Dispose();
        }

        return output;
    }
}

using System.Text.Json;
using VideoPipe.Engine.Stages;
using VideoPipe.Torch;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// The weight-free baseline (8x area down, every 4th frame, bicubic + linear up) against a plain C# reference,
/// on constant and known videos; SSIM/PSNR of identical frames; and <c>videopipe baseline</c> on a real file.
/// </summary>
public sealed class WeightFreeBaselineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void ConstantVideoReconstructsExactly()
    {
        var pixels = new byte[9 * 16 * 24 * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i % 3 == 0 ? 77 : i % 3 == 1 ? 0 : 255);
        }

        using var frames = Tensor.FromArray(pixels, 9, 16, 24, 3);
        using var reconstruction = WeightFreeBaseline.Reconstruct(frames);
        var score = BaselineMeasurement.Score(frames);

        Assert.Equal(pixels, reconstruction.ToArray<byte>());
        Assert.All(score.Frames, f => Assert.Equal(VideoComparison.IdenticalPsnr, f.Psnr));
        Assert.Equal(1.0, score.MeanSsim, 12);
    }

    [Fact]
    public void FramesBetweenKeptOnesAreLinearAndTheTailRepeatsTheLastKeptFrame()
    {
        // Frames 0 and 4 are kept (constant 0 and 200); 5 and 6 come after the last kept frame.
        var values = new byte[] { 0, 9, 9, 9, 200, 30, 30 };
        using var frames = Tensor.FromArray(values.SelectMany(v => Enumerable.Repeat(v, 8 * 8 * 3)).ToArray(), values.Length, 8, 8, 3);

        using var reconstruction = WeightFreeBaseline.Reconstruct(frames);

        var perFrame = reconstruction.ToArray<byte>().Chunk(8 * 8 * 3).Select(f => f.Distinct().Single()).ToArray();
        Assert.Equal(new byte[] { 0, 50, 100, 150, 200, 200, 200 }, perFrame);
    }

    [Fact]
    public void AnotherStrideKeepsEveryThatManyFramesForAnotherLatentBudget()
    {
        // Stride 3: frames 0, 3 and 6 are kept (0, 90, 180); 7 comes after the last kept frame.
        var values = new byte[] { 0, 7, 7, 90, 7, 7, 180, 7 };
        using var frames = Tensor.FromArray(values.SelectMany(v => Enumerable.Repeat(v, 8 * 8 * 3)).ToArray(), values.Length, 8, 8, 3);

        using var reconstruction = WeightFreeBaseline.Reconstruct(frames, temporalStride: 3);

        var perFrame = reconstruction.ToArray<byte>().Chunk(8 * 8 * 3).Select(f => f.Distinct().Single()).ToArray();
        Assert.Equal(new byte[] { 0, 30, 60, 90, 120, 150, 180, 180 }, perFrame);
    }

    [Fact]
    public void RandomVideoMatchesAPlainReference()
    {
        const int t = 6, h = 16, w = 24;
        var random = new Random(17);
        var pixels = new byte[t * h * w * 3];
        random.NextBytes(pixels);
        using var frames = Tensor.FromArray(pixels, t, h, w, 3);

        var actual = WeightFreeBaseline.Reconstruct(frames).ToArray<byte>();

        var expected = ReferenceBaseline(pixels, t, h, w);
        var differences = actual.Zip(expected, (a, e) => Math.Abs(a - e)).ToArray();
        Assert.True(differences.Max() <= 1, $"largest difference {differences.Max()}");
        Assert.True(differences.Count(d => d != 0) <= actual.Length / 100, $"{differences.Count(d => d != 0)} of {actual.Length} values differ by one (float32 rounding)");
    }

    [Fact]
    public void IdenticalFramesScoreSsimOneAndCappedPsnr()
    {
        var pixels = new byte[3 * 32 * 32 * 3];
        new Random(5).NextBytes(pixels);
        using var a = Tensor.FromArray(pixels, 3, 32, 32, 3);
        using var b = Tensor.FromArray(pixels, 3, 32, 32, 3);

        var scores = FrameQuality.Compare(a, b);

        Assert.All(scores, s => Assert.Equal(1.0, s.Ssim, 12));
        Assert.All(scores, s => Assert.Equal(FrameQuality.MaxPsnr, s.Psnr));
    }

    [Fact]
    public void SizeThatIsNotAMultipleOfEightIsRejected()
    {
        using var frames = Tensor.Zeros([5, 12, 16, 3], DType.UInt8);

        var error = Assert.Throws<ArgumentException>(() => WeightFreeBaseline.Reconstruct(frames));

        Assert.Contains("multiple of 8", error.Message);
        Assert.Contains("16x12", error.Message);
    }

    [Fact]
    public async Task CommandPrintsMeanPsnrAndSsimOfTheCentreCrop()
    {
        var clip = TestVideos.Generate(temp.File("in"), "clip.mp4", 48, 40, 9);

        var run = await VideopipeProcess.RunAsync(["baseline", clip, "--frames", "9", "--crop", "32"]);
        var direct = await BaselineMeasurement.MeasureAsync(clip, 9, 32);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Contains("9 frames 32x32", run.Stdout);
        Assert.Contains(FormattableString.Invariant($"mean PSNR {direct.MeanPsnr:0.00} dB"), run.Stdout);
        Assert.InRange(direct.MeanPsnr, 5, 60);
        Assert.InRange(direct.MeanSsim, -1, 0.999);
    }

    [Fact]
    public async Task CommandPrintsPerFrameScoresAsJson()
    {
        var clip = TestVideos.Generate(temp.File("in"), "clip.mp4", 32, 32, 6);

        var run = await VideopipeProcess.RunAsync(["baseline", clip, "--frames", "6", "--crop", "16", "--json"]);

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var root = JsonDocument.Parse(run.Stdout).RootElement;
        var frames = root.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(6, frames.Count);
        Assert.Equal(16, root.GetProperty("width").GetInt32());
        Assert.Equal(frames.Average(f => f.GetProperty("psnr").GetDouble()), root.GetProperty("meanPsnr").GetDouble(), 9);
        Assert.Equal(frames.Average(f => f.GetProperty("ssim").GetDouble()), root.GetProperty("meanSsim").GetDouble(), 9);
    }

    [Fact]
    public async Task CommandNamesTheFileWhenTheCropIsLargerThanTheFrames()
    {
        var clip = TestVideos.Generate(temp.File("in"), "small.mp4", 32, 24, 5);

        var run = await VideopipeProcess.RunAsync(["baseline", clip, "--frames", "5", "--crop", "64"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("small.mp4", run.Stderr);
        Assert.Contains("smaller than the 64x64 crop", run.Stderr);
    }

    /// <summary>The baseline in plain double arithmetic: block means, PyTorch's bicubic (A = -0.75, align_corners false, edge clamp), lerp in time.</summary>
    private static byte[] ReferenceBaseline(byte[] pixels, int t, int h, int w)
    {
        int hs = h / 8, ws = w / 8, kept = (t - 1) / 4 + 1;
        var up = new double[kept, h, w, 3];
        for (var k = 0; k < kept; k++)
        {
            var small = new double[hs, ws, 3];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        small[y / 8, x / 8, c] += pixels[((k * 4 * h + y) * w + x) * 3 + c] / 64.0;
                    }
                }
            }

            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var (y0, wy) = CubicTaps(y, hs, h);
                    var (x0, wx) = CubicTaps(x, ws, w);
                    for (var c = 0; c < 3; c++)
                    {
                        for (var i = 0; i < 4; i++)
                        {
                            for (var j = 0; j < 4; j++)
                            {
                                up[k, y, x, c] += wy[i] * wx[j] * small[Math.Clamp(y0 + i, 0, hs - 1), Math.Clamp(x0 + j, 0, ws - 1), c];
                            }
                        }
                    }
                }
            }
        }

        var result = new byte[pixels.Length];
        for (var f = 0; f < t; f++)
        {
            var k = Math.Min(f / 4, kept - 1);
            var next = Math.Min(k + 1, kept - 1);
            var weight = next == k ? 0 : (f - k * 4) / 4.0;
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        var v = (1 - weight) * up[k, y, x, c] + weight * up[next, y, x, c];
                        result[((f * h + y) * w + x) * 3 + c] = (byte)Math.Round(Math.Clamp(v, 0, 255));
                    }
                }
            }
        }

        return result;
    }

    private static (int First, double[] Weights) CubicTaps(int destination, int inputSize, int outputSize)
    {
        const double a = -0.75;
        var source = (destination + 0.5) * inputSize / outputSize - 0.5;
        var first = (int)Math.Floor(source);
        var f = source - first;
        static double Near(double x) => ((a + 2) * x - (a + 3)) * x * x + 1;
        static double Far(double x) => ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
        return (first - 1, [Far(f + 1), Near(f), Near(1 - f), Far(2 - f)]);
    }
}

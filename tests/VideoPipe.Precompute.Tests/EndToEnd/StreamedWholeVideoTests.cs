using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Engine;
using VideoPipe.Media;
using VideoPipe.Plugins.Cdt;
using VideoPipe.Plugins.IvVae;
using VideoPipe.Tests.Shared;
using VideoPipe.Torch;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// A family with exact causal streaming (IV-VAE, CDT) encodes a whole-video clip chunk by chunk through its encode
/// session, never holding it: no frame cap applies, and the stored latent equals the whole-clip encode.
/// </summary>
public sealed class StreamedWholeVideoTests : IDisposable
{
    private const string IvVaeTinyConfig = """
        {"config": {"dim": 4, "z_dim": 4, "dim_mult": [1, 2, 4, 4], "num_res_blocks": 2, "attn_scales": [],
         "temperal_downsample": [false, true, true], "dropout": 0.0, "scale_factor": 1.3196, "shift_factor": 0.125}}
        """;

    private readonly TempFolder temp = new();

    public static TheoryData<string> Families => new() { IvVaeFamily.FamilyId, CdtFamily.FamilyId };

    [Theory]
    [MemberData(nameof(Families))]
    public async Task AWholeVideoStreamsPastTheFrameCapAndEqualsTheWholeClipEncode(string family)
    {
        // 70 frames, with the cap at 9 frames: for the 1+4k rule chunks of 29, 32 and 8 (the rule admits 69 of them).
        var input = temp.Sub("in");
        TestVideos.Make(Path.Combine(input, "long.mp4"), "testsrc2=size=32x32:rate=16", 70, "libx264");
        var (options, tokenizerFamily, request) = Setup(family, input, Path.Combine(temp.Path, "out"));

        var outcome = await Precompute.RunInProcessAsync(options with { MaxClipFrames = 9 }, tokenizerFamily);

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        using var tokenizer = tokenizerFamily.Create(request);
        var rule = tokenizer.Card.FrameRule;
        var window = new ClipWindow(0, 0, (int)rule.RoundDown(70));
        using var file = SafetensorsFile.Open((await DatasetFiles.LatentFileAsync(options.OutputDirectory, outcome, input, "long.mp4", window)).Path);
        var meta = LatentFileMetadata.HeaderStringsToJson(file.Metadata);
        Assert.Equal($"{rule.FramesFor(8)}+{8 * rule.Step}k", meta["attributes"]!["streamed_chunks"]!.GetValue<string>());
        Assert.Equal(window.Frames, meta["clip_frames"]!.GetValue<int>());
        using var stored = file.Load(LatentFile.SingleTensorName);
        using var expected = await DirectEncoding.EncodeCentreCropAsync(tokenizer, Path.Combine(input, "long.mp4"), window, 32);
        Assert.Equal(expected.Shape, stored.Shape);
        Assert.Equal(rule.LatentFrames(window.Frames), stored.Size(1));
        Assert.True(stored.AllClose(expected, rtol: 0, atol: 1e-5), $"the streamed {family} latent differs from its whole-clip encode");
    }

    [Fact]
    public async Task AVideoCutAfterChunksWerePushedIsQuarantinedAndTheNextSourceStillStreams()
    {
        var input = temp.Sub("in");
        // Matroska streams its index-free clusters, so a cut file decodes up to the cut and then fails.
        var whole = Path.Combine(temp.Path, "whole.mkv");
        TestVideos.Make(whole, "testsrc2=size=32x32:rate=16", 200, "ffv1");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(Path.Combine(input, "a_cut.mkv"), bytes[..(bytes.Length * 7 / 10)]);
        TestVideos.Make(Path.Combine(input, "b_good.mp4"), "testsrc2=size=32x32:rate=16", 40, "libx264");
        var (options, family, _) = Setup(IvVaeFamily.FamilyId, input, Path.Combine(temp.Path, "out"));

        var outcome = await Precompute.RunInProcessAsync(options, family);

        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        var state = LedgerState.From(DatasetFiles.Ledger(options.OutputDirectory, ShardSpec.Single.Name));
        var reason = state.QuarantinedSources["a_cut.mkv"].Reason ?? "";
        Assert.Contains("good frames", reason);
        var goodFrames = int.Parse(System.Text.RegularExpressions.Regex.Match(reason, @"after (\d+) good frames").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(goodFrames > 29, $"the cut should come after the first chunk was pushed, came after {goodFrames} frames");
        var done = Assert.Single(state.Done.Values);
        Assert.Equal("b_good.mp4", done.Source);
    }

    [Fact]
    public async Task ASampledPosteriorIsEncodedWholeSoTheFrameCapStillApplies()
    {
        var input = temp.Sub("in");
        TestVideos.Make(Path.Combine(input, "long.mp4"), "testsrc2=size=32x32:rate=16", 40, "libx264");
        var (options, family, _) = Setup(IvVaeFamily.FamilyId, input, Path.Combine(temp.Path, "out"));

        var outcome = await Precompute.RunInProcessAsync(options with { MaxClipFrames = 9, Posterior = PosteriorMode.Sample, Seed = 3 }, family);

        var state = LedgerState.From(DatasetFiles.Ledger(options.OutputDirectory, ShardSpec.Single.Name));
        Assert.Contains("ClipTooLong", state.QuarantinedSources["long.mp4"].Reason);
        Assert.Empty(state.Done);
        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
    }

    public void Dispose() => temp.Dispose();

    private (PrecomputeOptions Options, ITokenizerFamily Family, TokenizerRequest Request) Setup(string family, string input, string output)
    {
        var options = new PrecomputeOptions { Input = input, OutputDirectory = output, Tokenizer = family, Size = new FrameSize(32, 32) };
        if (family == IvVaeFamily.FamilyId)
        {
            var config = Path.Combine(temp.Path, "ivvae-tiny.json");
            File.WriteAllText(config, IvVaeTinyConfig);
            return (options with { TokenizerConfigPath = config, RandomWeightsSeed = 11 }, new IvVaeFamily(), Request(config) with { RandomWeightsSeed = 11 });
        }

        var caseDir = Repository.GoldenCase("cdt", "case1/tiny_small");
        var caseFile = Path.Combine(caseDir, "case.json");
        var weights = Path.Combine(caseDir, "weights.safetensors");
        return (options with { TokenizerConfigPath = caseFile, WeightsPath = weights }, new CdtFamily(), Request(caseFile) with { WeightsPath = weights });
    }

    private static TokenizerRequest Request(string configFile)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(configFile));
        return new TokenizerRequest { Config = document.RootElement.GetProperty("config").Clone(), DeviceContext = CpuDeviceContext.Instance };
    }
}

using System.Globalization;
using VideoPipe.Media.Probing;
using VideoPipe.Media.Tests.Support;

namespace VideoPipe.Media.Tests;

/// <summary>
/// The prober (libavformat in the videopipe-probe child, native/media) says what ffprobe says: its JSON and ffprobe's read into the same
/// <see cref="VideoInfo"/>, its packet scan lists the same timestamps, and it fails on the same inputs.
/// </summary>
public sealed class ProbeParityTests(Workspace workspace) : IClassFixture<Workspace>
{
    private static readonly Dictionary<string, string[]> Encodings = new()
    {
        ["h264-audio.mp4"] = ["-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-colorspace", "bt709", "-color_range", "tv", "-c:a", "aac", "-shortest"],
        ["rotated.mp4"] = ["-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=1", "-c:v", "libx264"],
        ["mirrored.mp4"] = ["-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=1", "-c:v", "libx264"],
        ["anamorphic-10bit.mkv"] = ["-f", "lavfi", "-i", "testsrc2=s=64x48:r=30000/1001:d=1", "-vf", "setsar=4/3", "-c:v", "ffv1", "-pix_fmt", "yuv420p10le"],
        ["full-range-bt601.mp4"] = ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=12:d=1", "-c:v", "libx264", "-pix_fmt", "yuvj420p", "-colorspace", "smpte170m", "-color_primaries", "smpte170m", "-color_trc", "smpte170m"],
        ["variable-rate.mkv"] = ["-f", "lavfi", "-i", "testsrc2=s=32x32:r=30:d=1", "-vf", "setpts='if(lt(N,10),N,N*3)/30/TB'", "-fps_mode", "passthrough", "-c:v", "ffv1"],
        ["offset.ts"] = ["-f", "lavfi", "-i", "testsrc2=s=32x32:r=25:d=1", "-c:v", "libx264", "-output_ts_offset", "10"],
        ["vp9.webm"] = ["-f", "lavfi", "-i", "testsrc2=s=32x32:r=15:d=1", "-c:v", "libvpx-vp9", "-deadline", "realtime"],
        ["audio-only.m4a"] = ["-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac"],
    };

    /// <summary>Display matrices written into the track header after encoding: a quarter turn, and a mirror plus a quarter turn.</summary>
    private static readonly Dictionary<string, int[]> TrackMatrices = new()
    {
        ["rotated.mp4"] = [0, Mp4TrackMatrix.One, 0, -Mp4TrackMatrix.One, 0, 0, 48 * Mp4TrackMatrix.One, 0, 1 << 30],
        ["mirrored.mp4"] = [0, -Mp4TrackMatrix.One, 0, -Mp4TrackMatrix.One, 0, 0, 48 * Mp4TrackMatrix.One, 64 * Mp4TrackMatrix.One, 1 << 30],
    };

    public static TheoryData<string> Inputs => [.. Encodings.Keys];

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Description_matches_ffprobe(string name)
    {
        var path = await MakeAsync(name, Encodings[name]);
        var url = "file:" + path;

        var reference = await Ffprobe.DescribeAsync(url);
        var ours = await ProbeServer.Shared.DescribeAsync(url, CancellationToken.None);

        Assert.Equal(0, reference.ExitCode);
        Assert.True(ours.Ok, ours.Errors);
        var expected = FfprobeJsonParser.Parse(reference.Output, path);
        Assert.Equal(expected, FfprobeJsonParser.Parse(ours.Json, path));
        if (TrackMatrices.ContainsKey(name))
        {
            Assert.Equal(90, expected!.DisplayRotation);
        }
    }

    [Theory]
    [InlineData("variable-rate.mkv")]
    [InlineData("offset.ts")]
    [InlineData("vp9.webm")]
    public async Task Packet_scan_matches_ffprobe(string name)
    {
        var path = await MakeAsync(name, Encodings[name]);
        var url = "file:" + path;

        var reference = await Ffprobe.RunAsync(null, "-select_streams", "v:0", "-show_entries", "packet=pts", "-of", "csv=p=0", url);
        var ours = await ProbeServer.Shared.ScanPacketsAsync(url, CancellationToken.None);

        var expected = reference.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => long.TryParse(line.TrimEnd(','), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pts) ? pts : (long?)null);
        Assert.True(ours.Ok, ours.Errors);
        Assert.Equal(expected, ours.Timestamps);
    }

    [Fact]
    public async Task The_head_of_a_stream_is_described_as_ffprobe_describes_it_from_a_pipe()
    {
        var path = await MakeAsync("piped.mkv", ["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=4", "-c:v", "libx264", "-preset", "ultrafast"]);
        var bytes = await File.ReadAllBytesAsync(path);
        var head = bytes[..(bytes.Length / 2)];

        var reference = await Ffprobe.DescribeAsync("pipe:0", head);
        var ours = await ProbeServer.Shared.DescribeHeadAsync(head, CancellationToken.None);

        Assert.Equal(0, reference.ExitCode);
        Assert.True(ours.Ok, ours.Errors);
        Assert.Equal(FfprobeJsonParser.Parse(reference.Output, "<stream>"), FfprobeJsonParser.Parse(ours.Json, "<stream>"));
    }

    [Fact]
    public async Task Inputs_ffprobe_refuses_are_refused_with_its_reasons()
    {
        var source = await MakeAsync("whole.mp4", ["-f", "lavfi", "-i", "testsrc2=s=32x32:r=25:d=1", "-c:v", "libx264"]);
        var truncated = workspace.PathOf("no-index.mp4");
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(source))[..600]);
        var text = workspace.PathOf("notes.mp4");
        await File.WriteAllTextAsync(text, "not a video at all\n");

        foreach (var path in new[] { truncated, text, workspace.PathOf("missing.mp4") })
        {
            var url = "file:" + path;
            var reference = await Ffprobe.DescribeAsync(url);
            var ours = await ProbeServer.Shared.DescribeAsync(url, CancellationToken.None);

            Assert.NotEqual(0, reference.ExitCode);
            Assert.False(ours.Ok);
            Assert.Null(ours.Crash);
            Assert.Equal(LastLine(reference.Errors), LastLine(ours.Errors));
        }
    }

    private async Task<string> MakeAsync(string name, string[] encoding)
    {
        var path = workspace.PathOf(name);
        if (!File.Exists(path))
        {
            await Ffmpeg.RunAsync([.. encoding, path]);
            if (TrackMatrices.TryGetValue(name, out var matrix))
            {
                await Mp4TrackMatrix.SetAsync(path, matrix);
            }
        }

        return path;
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
}

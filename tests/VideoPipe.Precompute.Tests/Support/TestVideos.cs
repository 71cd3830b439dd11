using System.Diagnostics;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// Small videos made once per test run with ffmpeg's lavfi sources (64x64, 16 fps), plus broken inputs. Folders
/// are copied per test, so tests never share mutable files.
/// </summary>
public sealed class TestVideos : IDisposable
{
    public TestVideos()
    {
        Root = Path.Combine(Path.GetTempPath(), "vp-precompute-videos-" + Environment.ProcessId);
        Good = Path.Combine(Root, "good");
        Bad = Path.Combine(Root, "bad");
        Directory.CreateDirectory(Good);
        Directory.CreateDirectory(Bad);
        Make(Path.Combine(Good, "a_testsrc2_33.mp4"), "testsrc2=size=64x64:rate=16", 33, "libx264");
        Make(Path.Combine(Good, "b_mandelbrot_25.mp4"), "mandelbrot=size=80x64:rate=16", 25, "libx264");
        Make(Path.Combine(Good, "c_smptebars_17.mkv"), "smptebars=size=64x64:rate=16", 17, "ffv1");
        Make(Path.Combine(Good, "nested", "d_rgbtest_29.mp4"), "rgbtestsrc=size=64x48:rate=16", 29, "mpeg4");
        Make(Path.Combine(Good, "nested", "e_life_21.mkv"), "life=size=64x64:rate=16:mold=10:seed=7", 21, "ffv1");
        Make(Path.Combine(Good, "f_testsrc_32.mp4"), "testsrc=size=64x64:rate=16", 32, "libx264");

        File.WriteAllBytes(Path.Combine(Bad, "empty.mp4"), []);
        var noise = new byte[20_000];
        new Random(1234).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(Bad, "corrupt.mp4"), noise);
        Run("-f lavfi -i sine=frequency=440:duration=1 -c:a pcm_s16le " + Quote(Path.Combine(Bad, "audio_only.mkv")));
    }

    public string Root { get; }

    /// <summary>Six readable videos (some in a subfolder), 17 to 33 frames.</summary>
    public string Good { get; }

    /// <summary>A 0-byte file, random bytes named .mp4 and an audio-only file.</summary>
    public string Bad { get; }

    public static int GoodCount => 6;

    /// <summary>A fresh copy of the good videos (and optionally the bad ones) in a folder of the caller's.</summary>
    public string CopyInto(string folder, bool withBad = false)
    {
        CopyTree(Good, folder);
        if (withBad)
        {
            CopyTree(Bad, Path.Combine(folder, "bad"));
        }

        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, File.GetLastWriteTimeUtc(file));
        }
    }

    /// <summary>Encodes <paramref name="frames"/> frames of a lavfi source (libx264, ffv1 or mpeg4), bit-exact.</summary>
    public static void Make(string path, string source, int frames, string codec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = codec == "libx264" ? "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -bf 0" : codec == "ffv1" ? "-c:v ffv1" : "-c:v mpeg4 -q:v 4";
        Run($"-f lavfi -i {source} -frames:v {frames} {options} -fflags +bitexact -flags:v +bitexact {Quote(path)}");
    }

    private static void Run(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("ffmpeg", "-hide_banner -loglevel error -y " + arguments)
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {arguments} failed: {errors}");
        }
    }

    private static string Quote(string path) => "\"" + path + "\"";
}

[CollectionDefinition(Name)]
public sealed class VideoCollection : ICollectionFixture<TestVideos>
{
    public const string Name = "videos";
}

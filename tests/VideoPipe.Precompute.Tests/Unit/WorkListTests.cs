using VideoPipe.Abstractions;
using VideoPipe.Engine;

namespace VideoPipe.Precompute.Tests;

public sealed class WorkListTests : IDisposable
{
    private readonly TempFolder temp = new();

    [Fact]
    public void FolderScanIsSortedByRelativePathAndKeepsOnlyVideos()
    {
        var root = temp.Sub("videos");
        foreach (var name in new[] { "b.mp4", "a/z.mkv", "a/notes.txt", "C.webm", "a/b/c.mov" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, name))!);
            File.WriteAllText(Path.Combine(root, name), name);
        }

        var sources = SourceListReader.Read(root);
        Assert.Equal(["C.webm", "a/b/c.mov", "a/z.mkv", "b.mp4"], sources.Select(s => s.Key));
        Assert.Equal([0L, 1, 2, 3], sources.Select(s => s.Position));
    }

    [Fact]
    public void GlobMatchesWithinAndAcrossFolders()
    {
        var root = temp.Sub("glob");
        foreach (var name in new[] { "x/1.mp4", "x/y/2.mp4", "x/3.mkv", "4.mp4" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, name))!);
            File.WriteAllText(Path.Combine(root, name), name);
        }

        Assert.Equal(["x/1.mp4", "x/y/2.mp4"], SourceListReader.Read(Path.Combine(root, "x", "**", "*.mp4")).Select(s => Path.GetRelativePath(root, s.FullPath).Replace('\\', '/')));
        Assert.Equal(["1.mp4"], SourceListReader.Read(Path.Combine(root, "x", "*.mp4")).Select(s => s.Key));
    }

    [Fact]
    public void ManifestsKeepTheirOrderAndDropRepeats()
    {
        var jsonl = Path.Combine(temp.Path, "list.jsonl");
        File.WriteAllLines(jsonl, ["{\"path\": \"b.mp4\", \"caption\": \"x\"}", "", "{\"path\": \"a.mp4\"}", "{\"path\": \"b.mp4\"}"]);
        var fromJson = SourceListReader.Read(jsonl);
        Assert.Equal(["b.mp4", "a.mp4"], fromJson.Select(s => s.Key));
        Assert.Equal(Path.Combine(temp.Path, "a.mp4"), fromJson[1].FullPath);

        var csv = Path.Combine(temp.Path, "list.csv");
        File.WriteAllLines(csv, ["caption,path", "\"hello, world\",z.mp4", "plain,/abs/y.mp4"]);
        Assert.Equal(["z.mp4", "/abs/y.mp4"], SourceListReader.Read(csv).Select(s => s.Key));
        Assert.Equal("/abs/y.mp4", SourceListReader.Read(csv)[1].FullPath);
    }

    [Fact]
    public void ManifestLineWithoutPathIsAnError()
    {
        var jsonl = Path.Combine(temp.Path, "bad.jsonl");
        File.WriteAllLines(jsonl, ["{\"file\": \"b.mp4\"}"]);
        var error = Assert.Throws<FormatException>(() => SourceListReader.Read(jsonl));
        Assert.Contains(":1:", error.Message);
    }

    [Fact]
    public void WindowsFollowClipAndStride()
    {
        var windowing = new ClipWindowing(9, 8, FrameRule.OnePlusFourK);
        var windows = Enumerable.Range(0, 33).Select(i => windowing.WindowEndingAt(i)).OfType<ClipWindow>().ToList();
        Assert.Equal([0L, 8, 16, 24], windows.Select(w => w.Start));
        Assert.Equal([0, 1, 2, 3], windows.Select(w => w.Index));
        Assert.All(windows, w => Assert.Equal(9, w.Frames));
    }

    [Fact]
    public void WholeVideoRoundsDownToTheFrameRule()
    {
        var windowing = new ClipWindowing(null, null, FrameRule.OnePlusFourK);
        Assert.Equal(new ClipWindow(0, 0, 29), windowing.WholeVideoWindow(31));
        Assert.Null(windowing.WholeVideoWindow(0));
    }

    [Fact]
    public void ClipLengthMustFollowTheFrameRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClipWindowing(16, null, FrameRule.OnePlusFourK).Validate());
        Assert.Contains("13 or 17", error.Message);
    }

    [Fact]
    public void ClipsMayNotExceedTheClipFrameLimit()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClipWindowing(33, null, FrameRule.OnePlusFourK) { MaxClipFrames = 29 }.Validate());
        Assert.Contains("--max-clip-frames 29", error.Message);

        var whole = new ClipWindowing(null, null, FrameRule.OnePlusFourK) { MaxClipFrames = 29 };
        Assert.False(whole.WholeVideoTooLong(32));
        Assert.True(whole.WholeVideoTooLong(33));
        Assert.False(new ClipWindowing(9, 8, FrameRule.OnePlusFourK) { MaxClipFrames = 29 }.WholeVideoTooLong(1000));
    }

    [Fact]
    public void ItemIdsDependOnKeyContentAndWindowOnly()
    {
        var window = new ClipWindow(1, 8, 9);
        var id = ItemId.ForFrames("a/b.mp4", "abc", window.Start, window.Frames);
        Assert.Equal(id, ItemId.ForFrames("a/b.mp4", "abc", window.Start, window.Frames));
        Assert.Equal(32, id.Length);
        Assert.NotEqual(id, ItemId.ForFrames("a/c.mp4", "abc", window.Start, window.Frames));
        Assert.NotEqual(id, ItemId.ForFrames("a/b.mp4", "abd", window.Start, window.Frames));
        Assert.NotEqual(id, ItemId.ForFrames("a/b.mp4", "abc", 9, window.Frames));
    }

    public void Dispose() => temp.Dispose();
}

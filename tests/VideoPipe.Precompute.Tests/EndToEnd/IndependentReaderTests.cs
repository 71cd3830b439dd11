using System.Diagnostics;
using System.Text.Json;
using VideoPipe.Engine;
using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Precompute.Tests;

/// <summary>
/// docs/precompute.md's Python loader, proven with a reader that is not our code: a few lines of Python's standard
/// library parse merge's manifest and the safetensors files it names (8-byte header length, JSON header,
/// little-endian data), and must see what our reader sees.
/// </summary>
[Collection(VideoCollection.Name)]
public sealed class IndependentReaderTests(TestVideos videos) : IDisposable
{
    private const string Reader = """
        import array, json, struct, sys
        root = sys.argv[1]
        rows = [json.loads(line) for line in open(f"{root}/manifest.jsonl")]
        out = []
        for row in rows:
            with open(f"{root}/{row['path']}", "rb") as f:
                size = struct.unpack("<Q", f.read(8))[0]
                header = json.loads(f.read(size))
                data = f.read()
            entry = header["latent"]
            begin, end = entry["data_offsets"]
            values = array.array("f")
            values.frombytes(data[begin:end])
            if sys.byteorder != "little":
                values.byteswap()
            meta = header["__metadata__"]
            out.append({"key": row["key"], "dtype": entry["dtype"], "shape": entry["shape"], "sum": sum(values),
                        "manifest_shape": row["latent_shape"], "scaling_applied": row["scaling_applied"],
                        "frame_pts": len(json.loads(meta["frame_pts"]))})
        print(json.dumps(out))
        """;

    private readonly TempFolder temp = new();

    [Fact]
    public async Task APlainPythonReaderSeesTheManifestTheTensorsAndTheMetadataAsDocumented()
    {
        var input = videos.CopyInto(temp.Sub("in"));
        var output = Path.Combine(temp.Path, "out");
        var outcome = await Precompute.RunInProcessAsync(Precompute.Options(input, output, TestPluginFolder.CreateWeights(temp.Path)));
        Assert.Equal(PrecomputeExitCodes.Completed, outcome.ExitCode);
        Assert.True(DatasetMerger.Merge(output, null).Complete);

        var script = Path.Combine(temp.Path, "reader.py");
        await File.WriteAllTextAsync(script, Reader);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(output);
        using var python = Process.Start(start)!;
        var printed = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.True(python.ExitCode == 0, errors);

        var rows = JsonDocument.Parse(printed).RootElement.EnumerateArray().ToList();
        Assert.Equal(Precompute.GoodClips, rows.Count);
        foreach (var row in rows)
        {
            var key = row.GetProperty("key").GetString()!;
            using var file = SafetensorsFile.Open(new DatasetLayout(output, outcome.Fingerprint[..16]).LatentFile(key));
            using var latent = file.Load(LatentFile.SingleTensorName);
            Assert.Equal("F32", row.GetProperty("dtype").GetString());
            Assert.Equal(latent.Shape, row.GetProperty("shape").EnumerateArray().Select(v => v.GetInt64()));
            Assert.Equal(latent.Shape, row.GetProperty("manifest_shape").EnumerateArray().Select(v => v.GetInt64()));
            Assert.Equal(latent.ToArray<float>().Sum(v => (double)v), row.GetProperty("sum").GetDouble(), 6);
            Assert.True(row.GetProperty("scaling_applied").GetBoolean());
            Assert.Equal(9, row.GetProperty("frame_pts").GetInt32());
        }
    }

    public void Dispose() => temp.Dispose();
}

using VideoPipe.Torch.Checkpoints;

namespace VideoPipe.Torch.Tests.Checkpoints;

/// <summary>Every weights.safetensors of the shared golden cases must load through our reader.</summary>
public class GoldenWeightsTests
{
    public static TheoryData<string> GoldenWeightFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(GoldensDirectory(), "weights.safetensors", SearchOption.AllDirectories).Order())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenWeightFiles))]
    public void GoldenWeightsLoad(string path)
    {
        using var file = SafetensorsFile.Open(path);
        Assert.NotEmpty(file.Entries);

        var tensors = file.LoadAll();
        try
        {
            Assert.Equal(file.Entries.Count, tensors.Count);
            foreach (var entry in file.Entries)
            {
                Assert.Equal(entry.Shape, tensors[entry.Name].Shape);
                Assert.Equal(entry.DType, tensors[entry.Name].DType);
            }
        }
        finally
        {
            foreach (var tensor in tensors.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>shared/goldens next to (or above) the test binaries, else /work/shared/goldens; VIDEOPIPE_GOLDENS overrides.</summary>
    private static string GoldensDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("VIDEOPIPE_GOLDENS");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "goldens");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        const string fallback = "/work/shared/goldens";
        return Directory.Exists(fallback)
            ? fallback
            : throw new DirectoryNotFoundException("no shared/goldens found; set VIDEOPIPE_GOLDENS to the golden cases directory");
    }
}

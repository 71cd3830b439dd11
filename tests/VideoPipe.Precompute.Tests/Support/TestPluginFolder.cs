namespace VideoPipe.Precompute.Tests;

/// <summary>A plugin folder whose plugin.json points the CLI at this test assembly's <see cref="AveragePoolPlugin"/>.</summary>
public static class TestPluginFolder
{
    public static string Create(string parent)
    {
        var folder = Path.Combine(parent, "plugins", "testpool");
        Directory.CreateDirectory(folder);
        var assembly = typeof(AveragePoolPlugin).Assembly.Location;
        File.WriteAllText(Path.Combine(folder, "plugin.json"), $$"""
            {
              "id": "videopipe.tests.testpool",
              "version": "1.0.0",
              "families": ["testpool"],
              "entryType": "{{typeof(AveragePoolPlugin).FullName}}",
              "assembly": "{{assembly}}"
            }
            """);
        return Path.Combine(parent, "plugins");
    }

    /// <summary>A weights file for the test tokenizer (it has no parameters; the file's hash is recorded).</summary>
    public static string CreateWeights(string parent)
    {
        var path = Path.Combine(parent, "testpool-weights.bin");
        File.WriteAllBytes(path, "average pooling 4x8x8 has no parameters"u8.ToArray());
        return path;
    }
}

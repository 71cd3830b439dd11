using System.Text.Json;
using VideoPipe.Tests.Shared;

namespace VideoPipe.Plugins.Cdt.Tests;

/// <summary>The CDT golden case directories under shared/goldens/cdt.</summary>
public static class GoldenCases
{
    public static string CdtRoot => Path.Combine(Repository.Shared, "goldens", "cdt");

    /// <summary>Every directory under goldens/cdt holding a case.json whose family is cdt.</summary>
    public static IReadOnlyList<string> All()
    {
        if (!Directory.Exists(CdtRoot))
        {
            throw new DirectoryNotFoundException($"golden cases not found at {CdtRoot}");
        }

        return Directory.EnumerateFiles(CdtRoot, "case.json", SearchOption.AllDirectories)
            .Where(IsCdtCase)
            .Select(f => Path.GetDirectoryName(f)!)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string Named(string relative) => Path.Combine(CdtRoot, relative);

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var dir in All())
        {
            data.Add(Path.GetRelativePath(CdtRoot, dir));
        }

        return data;
    }

    private static bool IsCdtCase(string caseJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(caseJson));
        return doc.RootElement.TryGetProperty("family", out var f) && f.GetString() == "cdt";
    }
}

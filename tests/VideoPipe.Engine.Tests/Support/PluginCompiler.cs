using System.Diagnostics;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine.Tests;

/// <summary>
/// Builds tiny plugin assemblies during a test with the SDK's own C# compiler (csc.dll from the installed SDK),
/// against the running framework and the real VideoPipe.Abstractions / VideoPipe.Torch.
/// </summary>
internal static class PluginCompiler
{
    private static readonly Lazy<string> Csc = new(FindCsc);

    public static void Compile(string source, string outputPath, params string[] extraReferences)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        var sourcePath = Path.ChangeExtension(outputPath, ".cs");
        File.WriteAllText(sourcePath, source);
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(runtime, "*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            .Append(typeof(ITokenizer).Assembly.Location)
            .Append(typeof(Torch.Tensor).Assembly.Location)
            .Concat(extraReferences);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "exec", Csc.Value, "-nologo", "-noconfig", "-nostdlib", "-target:library", "-langversion:latest", "-nullable:enable", "-deterministic", $"-out:{outputPath}" }
                     .Concat(references.Select(r => $"-r:{r}")).Append(sourcePath))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"csc failed:\n{output.Result}\n{errors}");
        }

        File.Delete(sourcePath);
    }

    private static string FindCsc()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return Directory.GetDirectories(Path.Combine(dotnetRoot, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"))
            .Where(File.Exists)
            .OrderByDescending(p => p, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException($"no csc.dll under {dotnetRoot}/sdk");
    }
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Parity;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.IvVae.Tests;

/// <summary>The conformance kit on a tiny IV-VAE (the golden case's config).</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new IvVaeFamily();

    protected override JsonElement TinyConfig => GoldenCase.Load(Path.Combine(SharedPaths.IvVaeGoldens, "case1")).Config;
}

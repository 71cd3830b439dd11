using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.OdVae.Tests;

/// <summary>The conformance kit on a tiny OD-VAE (the golden case's config).</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new OdVaeFamily();

    protected override JsonElement TinyConfig => SharedData.CaseConfig("case1");
}

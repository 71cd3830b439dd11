using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.Cdt.Tests;

/// <summary>The conformance kit on a tiny CDT (the golden case's small variant).</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new CdtFamily();

    protected override JsonElement TinyConfig => TinyModels.Config("small");
}

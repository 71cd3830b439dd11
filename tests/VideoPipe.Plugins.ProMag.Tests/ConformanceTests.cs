using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.ProMag.Tests;

/// <summary>The conformance kit on the tiny ProMAG preset grown to 8x.</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new ProMagFamily();

    protected override bool HasGoldenCases => false;

    protected override JsonElement TinyConfig => TinyProMag.Json(ProMagPresets.Get("promag-xs-8x"));
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.Regen.Tests;

/// <summary>The conformance kit on the tiny REGEN preset (k = 4).</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new RegenFamily();

    protected override bool HasGoldenCases => false;

    protected override bool PadsToTheFrameRule => true;

    protected override JsonElement TinyConfig => JsonDocument.Parse(RegenPresets.Get("regen-xs-4").ToJson()).RootElement.Clone();
}

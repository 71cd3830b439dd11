using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Plugins.Conformance;

namespace VideoPipe.Plugins.Template.Tests;

/// <summary>The conformance kit on the template family: a new family's first test (docs/writing-a-tokenizer.md).</summary>
public sealed class ConformanceTests : TokenizerConformanceTests
{
    protected override ITokenizerFamily Family { get; } = new TemplateFamily();

    protected override bool HasGoldenCases => false;

    protected override JsonElement TinyConfig => JsonDocument.Parse(new TemplateConfig { HiddenChannels = 16 }.ToJson()).RootElement.Clone();
}

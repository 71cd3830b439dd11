using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Precompute.Tests;

/// <summary>The test tokenizer as a plugin family; <see cref="AveragePoolPlugin"/> lets the real CLI load it.</summary>
public sealed class AveragePoolFamily : ITokenizerFamily
{
    public const string FamilyId = "testpool";
    public const string PresetName = "testpool-4x8x8";

    public string Family => FamilyId;

    public IReadOnlyList<string> Presets { get; } = [PresetName];

    /// <summary>Extra encoder work for benchmarks (see <see cref="AveragePoolTokenizer.ExtraWork"/>).</summary>
    public int ExtraWork { get; init; }

    public TokenizerCard DescribePreset(string preset) => AveragePoolTokenizer.Description;

    public ITokenizer Create(TokenizerRequest request)
    {
        if (request.WeightsPath is { } weights && !File.Exists(weights))
        {
            throw new FileNotFoundException($"weights '{weights}' do not exist", weights);
        }

        var extra = request.Config is { } config && config.TryGetProperty("extra_work", out var value) ? value.GetInt32() : ExtraWork;
        var failures = request.Config is { } c && c.TryGetProperty("fail_first_encodes", out var count) ? count.GetInt32() : 0;
        return new AveragePoolTokenizer(request.DType) { ExtraWork = extra, FailFirstEncodes = failures };
    }
}

public sealed class AveragePoolPlugin : IVideoPipePlugin
{
    public IReadOnlyList<ITokenizerFamily> Families { get; } = [new AveragePoolFamily()];
}

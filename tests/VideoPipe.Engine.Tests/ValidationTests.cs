namespace VideoPipe.Engine.Tests;

public sealed class ValidationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private List<string> Validate(string json, params string[] overrides)
    {
        var path = temp.File("p.json");
        File.WriteAllText(path, json);
        File.WriteAllText(temp.File("a.mp4"), "x");
        var (definition, errors) = PipelineParser.LoadFile(path, overrides);
        if (definition is not null)
        {
            using var components = TestComponents.Create();
            errors.AddRange(PipelineValidator.Validate(definition, components));
        }

        return errors.Select(e => e.ToString()).ToList();
    }

    private const string Valid = """
        {
          "tokenizers": { "main": { "family": "avgpool", "preset": "avgpool-8x4", "randomWeightsSeed": 0 } },
          "stages": [
            { "name": "source", "type": "source", "options": { "files": ["a.mp4"] } },
            { "name": "decode", "type": "decode", "from": "source", "options": { "sizeMultiple": 8 } },
            { "name": "chunk", "type": "chunk", "from": "decode", "options": { "tokenizer": "main", "tileFrames": 9, "overlapFrames": 1 } },
            { "name": "encode", "type": "encode", "from": "chunk", "options": { "tokenizer": "main" } },
            { "name": "store", "type": "store-latents", "from": "encode", "options": { "directory": "out" } }
          ]
        }
        """;

    [Fact]
    public void AValidPipelineHasNoErrors() => Assert.Empty(Validate(Valid));

    [Fact]
    public void UnknownStageTypeListsTheValidOnes() =>
        Assert.Equal(
            ["$.stages[4].type: unknown stage type 'store'; valid types: chunk, decode, decode-clips, decode-latents, encode, encode-clips, load-dataset, load-latents, metrics, source, stitch, store-dataset, store-latents, write"],
            Validate(Valid, "stages.store.type=store"));

    [Fact]
    public void UnknownOptionListsTheValidOnes() =>
        Assert.Equal(
            ["$.stages[2].options.tiles: unknown option for stage type 'chunk'; valid options: tokenizer, tileFrames, overlapFrames, mode"],
            Validate(Valid, "stages.chunk.options.tiles=9"));

    [Fact]
    public void OptionOfTheWrongTypeSaysWhatIsExpected() =>
        Assert.Equal(
            ["$.stages[2].options.tileFrames: must be an integer >= 0, not \"nine\""],
            Validate(Valid, "stages.chunk.options.tileFrames=\"nine\""));

    [Fact]
    public void MismatchedPortKindsNameBothStagesAndTheProducers() =>
        Assert.Equal(
            ["$.stages[3].from: 'decode' (type decode) produces frames but 'encode' (type encode) takes tiles; feed it from a stage producing tiles (produced by: chunk, decode-latents)"],
            Validate(Valid, "stages.encode.from=decode"));

    [Fact]
    public void TileFramesMustFollowTheFrameRule() =>
        Assert.Equal(
            ["$.stages[2].options.tileFrames: 8 frames per tile do not follow avgpool's frame rule 1+4k; nearest valid: 5 or 9 (or 0 for whole clips)"],
            Validate(Valid, "stages.chunk.options.tileFrames=8"));

    [Fact]
    public void SizeMultipleMustGuaranteeTheTokenizersAlignment() =>
        Assert.Equal(
            [
                "$.stages[2]: frames reaching this stage are only guaranteed to be multiples of 4 pixels, but avgpool avgpool-8x4 needs multiples of 8; set the decode stage's options.sizeMultiple to 8 (or a multiple of it)",
                "$.stages[3]: frames reaching this stage are only guaranteed to be multiples of 4 pixels, but avgpool avgpool-8x4 needs multiples of 8; set the decode stage's options.sizeMultiple to 8 (or a multiple of it)",
            ],
            Validate(Valid, "stages.decode.options.sizeMultiple=4"));

    [Fact]
    public void UnsupportedDTypeListsTheSupportedOnes() =>
        Assert.Equal(
            ["$.stages[3].dtype: avgpool avgpool-8x4 does not support bfloat16; supported: float32, float64"],
            Validate(Valid, "stages.encode.dtype=bf16"));

    [Fact]
    public void UnknownTokenizerReferenceAndFamilyAreReported() =>
        Assert.Equal(
            [
                "$.tokenizers.main.family: unknown tokenizer family 'odvae'; installed families: avgpool",
            ],
            Validate(Valid, "tokenizers.main.family=odvae"));

    [Fact]
    public void MissingTokenizerNameListsTheDeclaredOnes() =>
        Assert.Equal(
            ["$.stages[3].options.tokenizer: no tokenizer named 'other'; declared: main"],
            Validate(Valid, "stages.encode.options.tokenizer=other"));

    [Fact]
    public void UnknownTopLevelFieldAndBadCapacityAreReportedTogether() =>
        Assert.Equal(
            [
                "$.stage: unknown field; valid fields here: name, defaults, errorPolicy, itemTimeoutSeconds, attempts, tokenizers, datasets, stages",
                "$.stages[1].capacity: must be a positive integer, not 0",
            ],
            Validate(Valid, "stage=1", "stages.decode.capacity=0"));

    [Fact]
    public void OrderedStagesRejectParallelism() =>
        Assert.Equal(
            ["$.stages[2].parallelism: stage type 'chunk' consumes each item's messages in order; parallelism must be 1"],
            Validate(Valid, "stages.chunk.parallelism=2"));

    [Fact]
    public void FromMustNameAnEarlierStage() =>
        Assert.Equal(
            ["$.stages[1].from: no stage named 'encode' before this one; earlier stages: source"],
            Validate(Valid, "stages[1].from=encode"));

    [Fact]
    public void SourceNeedsExactlyOneKindOfList() =>
        Assert.Equal(
            ["$.stages[0]: a source needs exactly one of options.files, options.directory, options.manifest, options.input (has files and directory)"],
            Validate(Valid, "stages.source.options.directory=."));

    [Fact]
    public void BadSetSyntaxIsAFormatError() =>
        Assert.Throws<PipelineFormatException>(() => Validate(Valid, "stages.nosuch.type=x"));

    private const string Dataset = """
        {
          "tokenizers": { "main": { "family": "avgpool", "preset": "avgpool-8x4", "randomWeightsSeed": 0 } },
          "datasets": { "latents": { "tokenizer": "main", "output": "out", "clipFrames": 9, "clipStride": 8, "size": "64x64" } },
          "stages": [
            { "name": "source", "type": "source", "options": { "input": "." } },
            { "name": "decode", "type": "decode-clips", "from": "source", "options": { "dataset": "latents" } },
            { "name": "encode", "type": "encode-clips", "from": "decode", "options": { "dataset": "latents", "tokenizer": "main" } },
            { "name": "store", "type": "store-dataset", "from": "encode", "options": { "dataset": "latents" } }
          ]
        }
        """;

    [Fact]
    public void ADatasetPipelineIsValid() => Assert.Empty(Validate(Dataset));

    [Fact]
    public void DatasetSettingsAreCheckedAgainstTheTokenizerCardWithTheirPaths() =>
        Assert.Equal(
            [
                "$.datasets.latents.clipFrames: --clip-frames 8 does not follow the tokenizer's frame rule 1+4k (nearest: 5 or 9)",
                "$.datasets.latents.size: 60x64 must be a multiple of avgpool avgpool-8x4's spatial alignment 8",
            ],
            Validate(Dataset, "datasets.latents.clipFrames=8", "datasets.latents.size=60x64"));

    [Fact]
    public void DatasetOptionsAndReferencesAreValidatedByName() =>
        Assert.Equal(
            [
                "$.datasets.latents.colour: unknown dataset option; valid: output, tokenizer, input, clipFrames, clipStride, maxClipFrames, fps, size, buckets, crop, shard, format, posterior, seed, scaled, latentDType, settings, itemTimeoutSeconds, decodeNice, maxConsecutiveQuarantines, archiveTargetBytes",
                "$.datasets.latents.format: 'tar' is not one of: safetensors, wds, webdataset",
                "$.stages[3].options.dataset: no dataset named 'other'; declared: latents",
            ],
            Validate(Dataset, "datasets.latents.colour=red", "datasets.latents.format=tar", "stages.store.options.dataset=other"));

    [Fact]
    public void AttemptsAreThePipelinesPolicyNotADatasetOption() =>
        Assert.Equal(
            ["$.datasets.latents.maxAttempts: attempts are the pipeline's policy for every stage: set \"attempts\" at the top level instead"],
            Validate(Dataset, "datasets.latents.maxAttempts=2"));

    [Fact]
    public void EncodeAndDecodeStageSettingsAreCheckedAgainstTheTokenizerCard() =>
        Assert.Equal(
            [
                "$.stages[3].options.settings: 'big' must be a string, number or boolean, not [1]",
                "$.stages[3].options.settings: 'big' is not a setting of avgpool avgpool-8x4; avgpool takes no settings",
                "$.stages[3].options.settings: 'tilling' is not a setting of avgpool avgpool-8x4; avgpool takes no settings",
            ],
            Validate(Valid, "stages.encode.options.settings.tilling=true", "stages.encode.options.settings.big=[1]"));

    [Fact]
    public void DatasetSettingsTakeScalarsAsTheStagesDo() =>
        Assert.Equal(
            ["$.datasets.latents.settings: 'big' must be a string, number or boolean, not [1]"],
            Validate(Dataset, "datasets.latents.settings.big=[1]"));

    [Fact]
    public void ASettingKeyTheFamilyDoesNotDeclareIsRefused() =>
        Assert.Equal(
            ["$.datasets.latents.settings: 'tilling' is not a setting of avgpool avgpool-8x4; avgpool takes no settings"],
            Validate(Dataset, "datasets.latents.settings.tilling=on"));
}

using System.Text.Json;
using VideoPipe.Abstractions;
using VideoPipe.Torch;

namespace VideoPipe.Engine;

/// <summary>
/// Checks a pipeline against the installed stage types and tokenizer cards before any work starts: names,
/// wiring, port kinds, option names and types, tokenizer references, device/dtype support, and each stage
/// type's own checks (frame rule, alignment) against the media shape the configuration implies.
/// </summary>
public static class PipelineValidator
{
    public static List<ValidationError> Validate(PipelineDefinition pipeline, ComponentSet components)
    {
        var errors = new List<ValidationError>();
        var cards = ResolveTokenizerCards(pipeline, components, errors);
        var byName = new Dictionary<string, (StageDefinition Stage, IStageType? Type, MediaShape Shape)>(StringComparer.Ordinal);
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        var sawSource = false;

        foreach (var stage in pipeline.Stages)
        {
            if (byName.ContainsKey(stage.Name))
            {
                errors.Add(new ValidationError($"{stage.JsonPath}.name", $"duplicate stage name '{stage.Name}'; every stage needs its own name"));
                continue;
            }

            var type = ResolveType(stage, components, errors);
            var input = MediaShape.Unknown;
            if (type is not null)
            {
                sawSource |= type.Input == PortKind.None;
                input = CheckWiring(stage, type, byName, components, errors);
                if (stage.From is not null)
                {
                    consumed.Add(stage.From);
                }

                if (type.RequiresOrderedInput(stage.Options) && stage.Parallelism > 1)
                {
                    errors.Add(new ValidationError($"{stage.JsonPath}.parallelism", $"stage type '{type.Name}' consumes each item's messages in order; parallelism must be 1"));
                }

                var optionsValid = CheckOptions(stage, type, errors);
                var (card, device, dtype) = CheckModelSettings(pipeline, stage, type, cards, errors);
                if (optionsValid)
                {
                    type.Validate(new StageValidationContext(stage.Name, stage.JsonPath, stage.Options, input, card, device, dtype, errors));
                }
            }

            var output = type is null ? MediaShape.Unknown : SafeDescribe(type, stage, input);
            byName[stage.Name] = (stage, type, output);
        }

        if (!sawSource && pipeline.Stages.Count > 0)
        {
            var sources = components.StageTypes.Values.Where(t => t.Input == PortKind.None).Select(t => t.Name).Order();
            errors.Add(new ValidationError("$.stages", $"no source stage; start the pipeline with one of: {string.Join(", ", sources)}"));
        }

        StandardStreamChecks.Check(pipeline, components, errors);
        DatasetChecks.Check(pipeline, cards, components, errors);
        return errors;
    }

    private static IStageType? ResolveType(StageDefinition stage, ComponentSet components, List<ValidationError> errors)
    {
        if (components.StageTypes.TryGetValue(stage.Type, out var type))
        {
            return type;
        }

        errors.Add(new ValidationError($"{stage.JsonPath}.type", $"unknown stage type '{stage.Type}'; valid types: {string.Join(", ", components.StageTypes.Keys.Order())}"));
        return null;
    }

    private static MediaShape CheckWiring(StageDefinition stage, IStageType type,
        Dictionary<string, (StageDefinition Stage, IStageType? Type, MediaShape Shape)> earlier, ComponentSet components, List<ValidationError> errors)
    {
        if (type.Input == PortKind.None)
        {
            if (stage.From is not null)
            {
                errors.Add(new ValidationError($"{stage.JsonPath}.from", $"stage type '{type.Name}' is a source and takes no input; remove 'from'"));
            }

            return MediaShape.Unknown;
        }

        if (stage.From is null)
        {
            errors.Add(new ValidationError($"{stage.JsonPath}.from", $"is required: name the earlier stage that feeds this one (it takes {type.Input}; {Producers(type.Input, components)})"));
            return MediaShape.Unknown;
        }

        if (!earlier.TryGetValue(stage.From, out var producer))
        {
            var names = earlier.Count == 0 ? "none" : string.Join(", ", earlier.Keys);
            errors.Add(new ValidationError($"{stage.JsonPath}.from", $"no stage named '{stage.From}' before this one; earlier stages: {names}"));
            return MediaShape.Unknown;
        }

        if (producer.Type is null)
        {
            return MediaShape.Unknown;
        }

        if (producer.Type.Output == PortKind.None)
        {
            errors.Add(new ValidationError($"{stage.JsonPath}.from", $"'{stage.From}' (type {producer.Type.Name}) is a sink and produces nothing; feed '{stage.Name}' from a stage producing {type.Input} ({Producers(type.Input, components)})"));
        }
        else if (producer.Type.Output != type.Input)
        {
            errors.Add(new ValidationError($"{stage.JsonPath}.from", $"'{stage.From}' (type {producer.Type.Name}) produces {producer.Type.Output} but '{stage.Name}' (type {type.Name}) takes {type.Input}; feed it from a stage producing {type.Input} ({Producers(type.Input, components)})"));
        }

        return producer.Shape;
    }

    private static string Producers(PortKind kind, ComponentSet components)
    {
        var names = components.StageTypes.Values.Where(t => t.Output == kind).Select(t => t.Name).Order().ToList();
        return names.Count == 0 ? "no installed stage type produces it" : $"produced by: {string.Join(", ", names)}";
    }

    private static bool CheckOptions(StageDefinition stage, IStageType type, List<ValidationError> errors)
    {
        var before = errors.Count;
        var declared = type.Options.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var property in stage.Options.EnumerateObject())
        {
            var path = $"{stage.JsonPath}.options.{property.Name}";
            if (!declared.TryGetValue(property.Name, out var option))
            {
                var valid = declared.Count == 0 ? "it takes no options" : $"valid options: {string.Join(", ", declared.Keys)}";
                errors.Add(new ValidationError(path, $"unknown option for stage type '{type.Name}'; {valid}"));
                continue;
            }

            var problem = OptionChecks.Check(option, property.Value);
            if (problem is not null)
            {
                errors.Add(new ValidationError(path, problem));
            }
        }

        foreach (var option in type.Options.Where(o => o.Required && !stage.Options.TryGetProperty(o.Name, out _)))
        {
            errors.Add(new ValidationError($"{stage.JsonPath}.options.{option.Name}", $"is required by stage type '{type.Name}': {option.Description}"));
        }

        return errors.Count == before;
    }

    private static (TokenizerCard? Card, Device? Device, DType? DType) CheckModelSettings(PipelineDefinition pipeline, StageDefinition stage,
        IStageType type, Dictionary<string, TokenizerCard> cards, List<ValidationError> errors)
    {
        var device = ParseDevice(stage.Device ?? pipeline.Defaults.Device, stage.Device is null ? "$.defaults.device" : $"{stage.JsonPath}.device", errors);
        var dtype = ParseDType(stage.DType ?? pipeline.Defaults.DType, stage.DType is null ? "$.defaults.dtype" : $"{stage.JsonPath}.dtype", errors);
        TokenizerCard? card = null;
        if (stage.Options.TryGetProperty("tokenizer", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            var name = reference.GetString()!;
            if (!pipeline.Tokenizers.ContainsKey(name))
            {
                var declared = pipeline.Tokenizers.Count == 0 ? "none are declared; add one under $.tokenizers" : $"declared: {string.Join(", ", pipeline.Tokenizers.Keys)}";
                errors.Add(new ValidationError($"{stage.JsonPath}.options.tokenizer", $"no tokenizer named '{name}'; {declared}"));
            }

            cards.TryGetValue(name, out card);
        }

        if (type.UsesTokenizer && card is not null)
        {
            var at = stage.DType is null ? "$.defaults.dtype" : $"{stage.JsonPath}.dtype";
            if (dtype is { } d && !card.SupportedDTypes.Contains(d))
            {
                errors.Add(new ValidationError(at, $"{card.Family} {card.Variant} does not support {d.TorchName()}; supported: {string.Join(", ", card.SupportedDTypes.Select(x => x.TorchName()))}"));
            }

            var deviceAt = stage.Device is null ? "$.defaults.device" : $"{stage.JsonPath}.device";
            if (device is { } dev && !card.SupportedDevices.Contains(dev.Type))
            {
                errors.Add(new ValidationError(deviceAt, $"{card.Family} {card.Variant} does not run on {dev}; supported: {string.Join(", ", card.SupportedDevices.Select(x => x.ToString().ToLowerInvariant()))}"));
            }
        }

        return (card, device, dtype);
    }

    private static Device? ParseDevice(string text, string path, List<ValidationError> errors)
    {
        try
        {
            return Device.Parse(text);
        }
        catch (ArgumentException)
        {
            errors.Add(new ValidationError(path, $"unknown device '{text}'; valid: cpu, cuda, cuda:N"));
            return null;
        }
    }

    private static DType? ParseDType(string text, string path, List<ValidationError> errors)
    {
        try
        {
            var dtype = DTypeExtensions.ParseDType(text);
            if (dtype.IsFloatingPoint())
            {
                return dtype;
            }
        }
        catch (ArgumentException)
        {
        }

        errors.Add(new ValidationError(path, $"'{text}' is not a model dtype; valid: float32, bfloat16, float16, float64"));
        return null;
    }

    private static Dictionary<string, TokenizerCard> ResolveTokenizerCards(PipelineDefinition pipeline, ComponentSet components, List<ValidationError> errors)
    {
        var cards = new Dictionary<string, TokenizerCard>(StringComparer.Ordinal);
        foreach (var tokenizer in pipeline.Tokenizers.Values)
        {
            if (!components.Families.TryGetValue(tokenizer.Family, out var family))
            {
                var installed = components.Families.Count == 0 ? "none installed (see `videopipe plugins list`)" : string.Join(", ", components.Families.Keys.Order());
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.family", $"unknown tokenizer family '{tokenizer.Family}'; installed families: {installed}"));
                continue;
            }

            if (tokenizer.Preset is not null && !family.Presets.Contains(tokenizer.Preset))
            {
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.preset", $"family '{family.Family}' has no preset '{tokenizer.Preset}'; presets: {string.Join(", ", family.Presets)}"));
                continue;
            }

            if (tokenizer.Preset is null && tokenizer.Config is null && tokenizer.ConfigPath is null)
            {
                errors.Add(new ValidationError(tokenizer.JsonPath, $"needs a preset ({string.Join(", ", family.Presets)}) or a config"));
                continue;
            }

            if (tokenizer.Weights is null && tokenizer.RandomWeightsSeed is null && ShippedModels.ForPreset(family.Family, tokenizer.Preset) is null)
            {
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.weights", $"is required (a checkpoint path; or randomWeightsSeed for benchmarks); without it the preset must name a shipped model: {ShippedModels.Names()}"));
            }
            else if (tokenizer.Weights is not null && !Path.Exists(Path.GetFullPath(tokenizer.Weights, pipeline.BaseDirectory)))
            {
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.weights", $"no file or folder at {Path.GetFullPath(tokenizer.Weights, pipeline.BaseDirectory)}"));
            }

            if (tokenizer.ConfigPath is not null && !File.Exists(Path.GetFullPath(tokenizer.ConfigPath, pipeline.BaseDirectory)))
            {
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.config", $"no file at {Path.GetFullPath(tokenizer.ConfigPath, pipeline.BaseDirectory)}"));
            }

            var preset = tokenizer.Preset ?? family.Presets.FirstOrDefault();
            if (preset is null)
            {
                continue;
            }

            try
            {
                cards[tokenizer.Name] = family.DescribePreset(preset);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException)
            {
                errors.Add(new ValidationError($"{tokenizer.JsonPath}.preset", $"family '{family.Family}' cannot describe '{preset}': {e.Message}"));
            }
        }

        return cards;
    }

    private static MediaShape SafeDescribe(IStageType type, StageDefinition stage, MediaShape input)
    {
        try
        {
            return type.DescribeOutput(stage.Options, input);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return MediaShape.Unknown;
        }
    }
}

using System.CommandLine;
using VideoPipe.Engine;

namespace VideoPipe.Host;

/// <summary>Options several commands share.</summary>
internal static class SharedOptions
{
    public static Option<string[]> Plugins() => new("--plugins")
    {
        Description = "extra plugin directory (repeatable; also VIDEOPIPE_PLUGINS, artifacts/plugins, plugins/ next to the executable)",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "override a pipeline field: path=value (e.g. stages.encode.parallelism=2); repeatable",
    };

    /// <summary>The tokenizer; left out, the shipped default model (ModelSelection).</summary>
    public static Option<string?> Tokenizer() => new("--tokenizer")
    {
        Description = $"a shipped model (default {ShippedModels.DefaultName}), a preset (e.g. odvae-v1.2, z16_dim64) or a family id (odvae, ivvae, cdt) with --config",
    };

    public static Option<string?> Weights() => new("--weights")
    {
        Description = "checkpoint file or folder (not needed for a shipped model)",
    };

    /// <summary>
    /// <see cref="ModelSelection.Resolve"/> for a command; an invalid selection is written to stderr as
    /// "videopipe {command}: ..." and gives null (the command then exits with the invalid-input code).
    /// </summary>
    public static ModelSelection? ResolveModel(string command, string? tokenizer, string? weights, string? config, ulong? randomWeightsSeed)
    {
        try
        {
            return ModelSelection.Resolve(tokenizer, weights, config, randomWeightsSeed);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            Console.Error.WriteLine($"videopipe {command}: {e.Message}");
            return null;
        }
    }

    public static Option<string[]> Setting() => new("--setting")
    {
        Description = "a tokenizer family setting key=value (tiling, chunk sizes, sampler steps: the keys each family declares, videopipe plugins list); repeatable; an undeclared key or unreadable value is refused before work",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The <c>--setting key=value</c> pairs, by key; a pair without a key throws <see cref="FormatException"/>.</summary>
    public static SortedDictionary<string, string> ParseSettings(IEnumerable<string>? pairs)
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                throw new FormatException($"--setting '{pair}' must look like key=value");
            }

            settings[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }

        return settings;
    }

    /// <summary><see cref="ParseSettings"/> for a command; a malformed pair is written to stderr and gives null.</summary>
    public static SortedDictionary<string, string>? ResolveSettings(string command, IEnumerable<string>? pairs)
    {
        try
        {
            return ParseSettings(pairs);
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"videopipe {command}: {e.Message}");
            return null;
        }
    }

    public static Option<double> Grace() => new("--grace")
    {
        Description = "seconds items in flight may take to finish after Ctrl+C / SIGTERM before they are aborted",
        DefaultValueFactory = _ => 30,
    };
}

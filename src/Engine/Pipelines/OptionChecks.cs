using System.Text.Json;
using VideoPipe.Abstractions;

namespace VideoPipe.Engine;

/// <summary>Checks one option value against its declaration; returns the problem or null.</summary>
internal static class OptionChecks
{
    public static string? Check(StageOption option, JsonElement value)
    {
        switch (option.Kind)
        {
            case OptionKind.String:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"must be a string{Allowed(option)}, not {value.GetRawText()}";
                }

                return option.AllowedValues is { } allowed && !allowed.Contains(value.GetString())
                    ? $"'{value.GetString()}' is not valid{Allowed(option)}"
                    : null;
            case OptionKind.Integer:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var integer))
                {
                    return $"must be an integer{Minimum(option)}, not {value.GetRawText()}";
                }

                return integer < option.Minimum ? $"must be an integer{Minimum(option)}, not {integer}" : null;
            case OptionKind.Number:
                if (value.ValueKind != JsonValueKind.Number)
                {
                    return $"must be a number{Minimum(option)}, not {value.GetRawText()}";
                }

                return value.GetDouble() < option.Minimum ? $"must be a number{Minimum(option)}, not {value.GetRawText()}" : null;
            case OptionKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"must be true or false, not {value.GetRawText()}";
            case OptionKind.StringArray:
                return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String)
                    ? null
                    : $"must be an array of strings, not {value.GetRawText()}";
            case OptionKind.Object:
                return value.ValueKind == JsonValueKind.Object ? null : $"must be an object, not {value.GetRawText()}";
            default:
                return null;
        }
    }

    private static string Allowed(StageOption option) =>
        option.AllowedValues is { } values ? $" (one of: {string.Join(", ", values)})" : "";

    private static string Minimum(StageOption option) => option.Minimum is { } min ? $" >= {min}" : "";
}

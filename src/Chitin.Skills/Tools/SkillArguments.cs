using System.Text.Json;

namespace Chitin.Skills.Tools;

/// <summary>Reads string and integer arguments of the skill tools with messages the model can act on.</summary>
internal static class SkillArguments
{
    public static string? String(JsonElement arguments, string name, bool required, out string? error)
    {
        error = null;
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            error = required ? $"Missing required argument '{name}'." : null;
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"Argument '{name}' must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}.";
            return null;
        }

        var text = value.GetString()!.Trim();
        if (required && text.Length == 0)
        {
            error = $"Argument '{name}' is empty.";
            return null;
        }

        return text.Length == 0 ? null : text;
    }

    public static int? Integer(JsonElement arguments, string name, int minimum, int maximum, out string? error)
    {
        error = null;
        if (arguments.ValueKind != JsonValueKind.Object || !arguments.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < minimum || number > maximum)
        {
            error = $"Argument '{name}' must be a whole number from {minimum} to {maximum}.";
            return null;
        }

        return number;
    }
}

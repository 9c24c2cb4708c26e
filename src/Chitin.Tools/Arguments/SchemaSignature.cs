using System.Text;
using System.Text.Json;

namespace Chitin.Tools.Arguments;

/// <summary>Renders a parameters schema as a one-line signature, e.g. {path: string, limit?: integer>=1}.</summary>
internal static class SchemaSignature
{
    public static string Of(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
        {
            return "{}";
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var requiredNames) && requiredNames.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in requiredNames.EnumerateArray())
            {
                required.Add(name.GetString() ?? "");
            }
        }

        var builder = new StringBuilder("{");
        foreach (var property in properties.EnumerateObject())
        {
            if (builder.Length > 1)
            {
                builder.Append(", ");
            }

            builder.Append(property.Name);
            if (!required.Contains(property.Name))
            {
                builder.Append('?');
            }

            builder.Append(": ").Append(property.Value.TryGetProperty("type", out var type) ? type.GetString() : "any");
            if (property.Value.TryGetProperty("minimum", out var minimum))
            {
                builder.Append(">=").Append(minimum.GetRawText());
            }
        }

        return builder.Append('}').ToString();
    }
}

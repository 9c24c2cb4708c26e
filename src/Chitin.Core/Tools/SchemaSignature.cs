namespace Chitin.Core.Tools;

/// <summary>
/// Renders a parameters schema as a one-line signature, e.g.
/// {path: string, limit?: integer>=1, edits: [{old: string, replace_all?: boolean}], mode?: "a"|"b"}.
/// </summary>
public static class SchemaSignature
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

            builder.Append(": ").Append(TypeOf(property.Value));
        }

        return builder.Append('}').ToString();
    }

    private static string TypeOf(JsonElement property)
    {
        if (property.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return string.Join('|', values.EnumerateArray().Select(value => value.GetRawText()));
        }

        var type = property.TryGetProperty("type", out var declared) ? declared.GetString() ?? "any" : "any";
        if (type == "array" && property.TryGetProperty("items", out var items))
        {
            return items.TryGetProperty("properties", out _) ? "[" + Of(items) + "]" : TypeOf(items) + "[]";
        }

        return property.TryGetProperty("minimum", out var minimum) ? type + ">=" + minimum.GetRawText() : type;
    }
}

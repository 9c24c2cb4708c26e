namespace Chitin.Testing.Wire;

/// <summary>Reads request fields and says precisely which one is wrong when a request is malformed.</summary>
internal static class JsonRead
{
    public static string RequiredString(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new RequestParseException($"{Path(where, name)} is required and must be a string");
        }

        return value.GetString()!;
    }

    public static string? OptionalString(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new RequestParseException($"{Path(where, name)} must be a string, got {Describe(value)}");
    }

    public static bool OptionalBool(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new RequestParseException($"{Path(where, name)} must be true or false, got {Describe(value)}"),
        };
    }

    public static JsonElement RequiredArray(JsonElement parent, string name, string where)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            throw new RequestParseException($"{Path(where, name)} is required and must be an array");
        }

        return value;
    }

    public static JsonElement? OptionalArray(JsonElement parent, string name, string where) =>
        Optional(parent, name, where, JsonValueKind.Array, "an array");

    public static JsonElement? OptionalObject(JsonElement parent, string name, string where) =>
        Optional(parent, name, where, JsonValueKind.Object, "an object");

    /// <summary>The member when present and of <paramref name="kind"/>; null when absent or JSON null.</summary>
    private static JsonElement? Optional(JsonElement parent, string name, string where, JsonValueKind kind, string what)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind
            ? value
            : throw new RequestParseException($"{Path(where, name)} must be {what}, got {Describe(value)}");
    }

    /// <summary>The items of <paramref name="array"/>, each with where it stands (<c>path[i]</c>) and required to be an object.</summary>
    public static IEnumerable<(JsonElement Item, string Where)> Objects(JsonElement array, string path)
    {
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var where = $"{path}[{i++}]";
            RequireObject(item, where);
            yield return (item, where);
        }
    }

    public static void RequireObject(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new RequestParseException($"{where} must be an object, got {Describe(element)}");
        }
    }

    public static string Path(string where, string name) => where.Length == 0 ? name : $"{where}.{name}";

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}

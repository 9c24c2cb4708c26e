namespace Chitin.Core.Serialization;

/// <summary>
/// JSON in one canonical form, so two values that differ only in how they were written compare and hash alike: object
/// keys sorted by ordinal, no whitespace, strings re-escaped uniformly.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    public static ReadOnlyMemory<byte> Bytes(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        return buffer.WrittenMemory;
    }

    public static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Undefined:
                writer.WriteNullValue();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

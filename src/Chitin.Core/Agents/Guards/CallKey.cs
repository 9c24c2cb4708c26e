using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chitin.Core.Agents.Guards;

/// <summary>Identities of tool calls that ignore how the model formatted its arguments (key order, whitespace).</summary>
internal static class CallKey
{
    /// <summary>Tool name and canonical arguments: object keys sorted, no whitespace.</summary>
    public static string Of(string name, string argumentsJson) => name + "\n" + Canonical(argumentsJson);

    /// <summary>A short hash of a result's text, so the guard keeps no copies of large outputs.</summary>
    public static string HashOf(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12);

    public static string Canonical(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(doc.RootElement, writer);
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (JsonException)
        {
            return json.Trim();
        }
    }

    private static void Write(JsonElement element, Utf8JsonWriter writer)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(property.Value, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(item, writer);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}

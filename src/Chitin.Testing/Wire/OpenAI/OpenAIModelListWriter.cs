namespace Chitin.Testing.Wire.OpenAI;

/// <summary>The OpenAI <c>GET /v1/models</c> list.</summary>
internal static class OpenAIModelListWriter
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<string> models)
    {
        json.WriteStartObject();
        json.WriteString("object", "list");
        json.WriteStartArray("data");
        foreach (var model in models)
        {
            json.WriteStartObject();
            json.WriteString("id", model);
            json.WriteString("object", "model");
            json.WriteNumber("created", 0);
            json.WriteString("owned_by", "chitin-scripted");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

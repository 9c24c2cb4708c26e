namespace Chitin.Testing.Wire.Anthropic;

/// <summary>The Anthropic <c>GET /v1/models</c> list.</summary>
internal static class AnthropicModelListWriter
{
    public static void Write(Utf8JsonWriter json, IReadOnlyList<string> models)
    {
        json.WriteStartObject();
        json.WriteStartArray("data");
        foreach (var model in models)
        {
            json.WriteStartObject();
            json.WriteString("type", "model");
            json.WriteString("id", model);
            json.WriteString("display_name", model);
            json.WriteString("created_at", "2025-01-01T00:00:00Z");
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("has_more", false);
        if (models.Count > 0)
        {
            json.WriteString("first_id", models[0]);
            json.WriteString("last_id", models[^1]);
        }

        json.WriteEndObject();
    }
}

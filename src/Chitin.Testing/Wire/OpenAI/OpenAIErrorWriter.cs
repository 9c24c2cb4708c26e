namespace Chitin.Testing.Wire.OpenAI;

/// <summary>OpenAI's error envelope: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal static class OpenAIErrorWriter
{
    public static void Write(Utf8JsonWriter json, int status, string message)
    {
        var (type, code) = status switch
        {
            401 => ("invalid_request_error", "invalid_api_key"),
            403 => ("invalid_request_error", "permission_denied"),
            404 => ("invalid_request_error", "model_not_found"),
            429 => ("requests", "rate_limit_exceeded"),
            >= 500 => ("server_error", "server_error"),
            _ => ("invalid_request_error", (string?)null),
        };

        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", message);
        json.WriteString("type", type);
        json.WriteNull("param");
        json.WriteString("code", code);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}

namespace Chitin.Testing.Wire.Anthropic;

/// <summary>Anthropic's error envelope: <c>{"type":"error","error":{"type","message"},"request_id"}</c>.</summary>
internal static class AnthropicErrorWriter
{
    public static void Write(Utf8JsonWriter json, int status, string message, string requestId)
    {
        var type = status switch
        {
            400 => "invalid_request_error",
            401 => "authentication_error",
            403 => "permission_error",
            404 => "not_found_error",
            413 => "request_too_large",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            >= 500 => "api_error",
            _ => "invalid_request_error",
        };

        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteStartObject("error");
        json.WriteString("type", type);
        json.WriteString("message", message);
        json.WriteEndObject();
        json.WriteString("request_id", requestId);
        json.WriteEndObject();
    }
}

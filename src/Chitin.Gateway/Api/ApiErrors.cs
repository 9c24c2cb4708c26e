namespace Chitin.Gateway.Api;

/// <summary>Errors in the OpenAI shape, <c>{"error":{"message","type","code"}}</c>, which OpenAI clients surface as-is.</summary>
public static class ApiErrors
{
    public static async Task WriteAsync(HttpResponse response, int status, string code, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", status >= 500 ? "server_error" : "invalid_request_error");
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }
}

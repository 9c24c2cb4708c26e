using System.Text.Json;

namespace Chitin.Mcp.Tests.Support;

internal static class Json
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

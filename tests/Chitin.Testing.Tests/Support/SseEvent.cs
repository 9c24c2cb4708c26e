using System.Text.Json;

namespace Chitin.Testing.Tests.Support;

/// <summary>One server-sent event as it came over the wire.</summary>
internal sealed record SseEvent(string? Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

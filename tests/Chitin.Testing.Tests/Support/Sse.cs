namespace Chitin.Testing.Tests.Support;

/// <summary>A strict reader of server-sent-event text: every event ends with a blank line, every line is a field.</summary>
internal static class Sse
{
    public static List<SseEvent> Parse(string text)
    {
        Assert.EndsWith("\n\n", text);
        var events = new List<SseEvent>();
        foreach (var block in text[..^2].Split("\n\n"))
        {
            string? name = null;
            string? data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    Assert.Null(data); // one data line per event
                    data = line["data: ".Length..];
                }
                else
                {
                    Assert.Fail($"Unexpected SSE line: '{line}'");
                }
            }

            Assert.NotNull(data);
            events.Add(new SseEvent(name, data));
        }

        return events;
    }
}

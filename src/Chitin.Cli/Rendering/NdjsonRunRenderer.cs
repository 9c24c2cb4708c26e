using System.Text.Json;
using Chitin.Core.Events;
using Chitin.Core.Serialization;

namespace Chitin.Cli.Rendering;

/// <summary><c>--events ndjson</c>: every event as one JSON line with its "type", flushed as it happens.</summary>
public sealed class NdjsonRunRenderer(TextWriter output) : IRunRenderer
{
    public void OnEvent(AgentEvent agentEvent)
    {
        output.WriteLine(JsonSerializer.Serialize(agentEvent, CoreJsonContext.Default.AgentEvent));
        output.Flush();
    }
}

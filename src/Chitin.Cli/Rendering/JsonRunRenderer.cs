using System.Text.Json;
using Chitin.Core.Events;

namespace Chitin.Cli.Rendering;

/// <summary><c>--json</c>: nothing while the run goes, then one JSON object with the result.</summary>
public sealed class JsonRunRenderer(TextWriter output) : IRunRenderer
{
    public void OnEvent(AgentEvent agentEvent)
    {
        if (agentEvent is RunCompleted done)
        {
            Write(output, RunOutput.From(done.Result));
        }
    }

    public static void Write(TextWriter output, RunOutput result)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.RunOutput));
        output.Flush();
    }
}

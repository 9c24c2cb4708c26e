namespace Chitin.Cli.Rendering;

/// <summary>Error texts can quote a provider's or a tool's message; they pass through the redactor like tool results.</summary>
public static class EventRedaction
{
    public static AgentEvent Apply(AgentEvent agentEvent, ISecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        return agentEvent switch
        {
            ErrorOccurred error => error with { Message = redactor.Redact(error.Message) },
            ResponseRetrying retry => retry with { Reason = redactor.Redact(retry.Reason) },
            RunCompleted { Result.Error: { } message } done => done with { Result = done.Result with { Error = redactor.Redact(message) } },
            _ => agentEvent,
        };
    }
}

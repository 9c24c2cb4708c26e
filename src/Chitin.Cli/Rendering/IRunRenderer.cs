namespace Chitin.Cli.Rendering;

/// <summary>Shows a run as it happens. Every event of the run arrives, the last one is <see cref="RunCompleted"/>.</summary>
public interface IRunRenderer
{
    void OnEvent(AgentEvent agentEvent);
}

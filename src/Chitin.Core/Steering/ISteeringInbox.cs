namespace Chitin.Core.Steering;

/// <summary>
/// Messages for a run that is already going: a chat message that arrives mid-turn with "steer" mode, or a parent
/// agent's note to a running child. The agent loop drains it before every model call and appends what it finds as
/// user messages, so the model sees them at its next step.
/// </summary>
public interface ISteeringInbox
{
    /// <summary>The messages that arrived since the last call, oldest first; empty when none.</summary>
    IReadOnlyList<string> Drain();

    /// <summary>
    /// The run is about to finish with an answer. True closes the inbox (later messages are refused, so their sender
    /// starts a new turn); false when messages are waiting, which the run then drains and answers in another step.
    /// </summary>
    bool TryClose();
}

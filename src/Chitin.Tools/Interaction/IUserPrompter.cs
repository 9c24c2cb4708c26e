namespace Chitin.Tools.Interaction;

/// <summary>Puts a question from the model to the person running the agent (a terminal prompt, a chat message, ...).</summary>
public interface IUserPrompter
{
    /// <returns>The answer, or null when the user declined to answer.</returns>
    ValueTask<string?> AskAsync(UserQuestion question, CancellationToken cancellationToken);
}

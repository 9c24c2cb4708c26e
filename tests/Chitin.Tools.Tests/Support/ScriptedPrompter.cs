using Chitin.Tools.Interaction;

namespace Chitin.Tools.Tests.Support;

/// <summary>A user who answers with a fixed reply (null: declines) and remembers the questions.</summary>
public sealed class ScriptedPrompter(string? reply) : IUserPrompter
{
    public List<UserQuestion> Questions { get; } = [];

    public ValueTask<string?> AskAsync(UserQuestion question, CancellationToken cancellationToken)
    {
        Questions.Add(question);
        return ValueTask.FromResult(reply);
    }
}

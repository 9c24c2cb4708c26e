namespace Chitin.Cli.Commands;

/// <summary>
/// Asks the person at the chat prompt when policy says "ask": y (yes), n (no), a (always: the same tool and command
/// run without asking for the rest of the session). Questions are asked one at a time even when tools run in parallel.
/// </summary>
public sealed class ConsolePermissionPrompter
{
    private const int ArgumentsPreviewChars = 160;
    private readonly StyledWriter _prompt;
    private readonly LineReader _input;
    private readonly SemaphoreSlim _oneQuestion;

    /// <param name="oneQuestionAtATime">Shared with other prompts (ask_user) so questions never interleave.</param>
    public ConsolePermissionPrompter(StyledWriter prompt, LineReader input, SemaphoreSlim oneQuestionAtATime)
    {
        _prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _oneQuestion = oneQuestionAtATime ?? throw new ArgumentNullException(nameof(oneQuestionAtATime));
    }

    public async ValueTask<PermissionAnswer> AskAsync(PermissionPrompt prompt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        await _oneQuestion.WaitAsync(cancellationToken);
        try
        {
            var about = prompt.Summary == prompt.ToolName ? Units.OneLine(prompt.Arguments.GetRawText(), ArgumentsPreviewChars) : Units.OneLine(prompt.Summary, ArgumentsPreviewChars);
            var always = prompt.SessionKeys.Count == 0 || (prompt.SessionKeys.Count == 1 && prompt.SessionKeys[0] == prompt.ToolName)
                ? "always"
                : "always for " + string.Join(", ", prompt.SessionKeys);
            while (true)
            {
                _prompt.Text($"[yellow]? allow[/] [blue]{Markup.Escape(prompt.ToolName)}[/] [grey]{Markup.Escape(about)} ({Markup.Escape(prompt.Reason)})[/] [yellow][[y/n/a={Markup.Escape(always)}]][/] ");
                _prompt.Writer.Flush();
                var answer = (await _input.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
                switch (answer)
                {
                    case "y" or "yes":
                        return PermissionAnswer.Yes;
                    case "a" or "always":
                        return PermissionAnswer.AlwaysForSession;
                    case null or "n" or "no":
                        return PermissionAnswer.No;
                    default:
                        _prompt.Line("[grey]answer y (yes), n (no) or a (always allow this in this session)[/]");
                        break;
                }
            }
        }
        finally
        {
            _oneQuestion.Release();
        }
    }
}

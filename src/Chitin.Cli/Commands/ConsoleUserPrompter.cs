namespace Chitin.Cli.Commands;

/// <summary>Answers the model's ask_user questions from the person at the chat prompt; an empty answer declines.</summary>
public sealed class ConsoleUserPrompter(StyledWriter prompt, LineReader input, SemaphoreSlim oneQuestionAtATime) : IUserPrompter
{
    public async ValueTask<string?> AskAsync(UserQuestion question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        await oneQuestionAtATime.WaitAsync(cancellationToken);
        try
        {
            prompt.Line($"[yellow]? the agent asks:[/] {Markup.Escape(question.Question)}");
            for (var i = 0; i < question.Options.Count; i++)
            {
                prompt.Line($"  [grey]{i + 1}.[/] {Markup.Escape(question.Options[i])}");
            }

            prompt.Text(question.Options.Count > 0 ? "[yellow]answer (a number, your own words, or empty to decline):[/] " : "[yellow]answer (empty to decline):[/] ");
            prompt.Writer.Flush();
            var answer = (await input.ReadLineAsync(cancellationToken))?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                return null;
            }

            return int.TryParse(answer, System.Globalization.CultureInfo.InvariantCulture, out var choice) && choice >= 1 && choice <= question.Options.Count
                ? question.Options[choice - 1]
                : answer;
        }
        finally
        {
            oneQuestionAtATime.Release();
        }
    }
}

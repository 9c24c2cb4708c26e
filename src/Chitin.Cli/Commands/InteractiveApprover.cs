using Chitin.Cli.Hosting;
using Chitin.Cli.Rendering;
using Chitin.Core.Permissions;
using Spectre.Console;

namespace Chitin.Cli.Commands;

/// <summary>
/// Asks the person at the terminal before a tool that changes things runs: y (yes), n (no), a (always allow
/// this tool for the rest of the session). Questions are asked one at a time even when tools run in parallel.
/// </summary>
public sealed class InteractiveApprover : IToolApprover
{
    private readonly StyledWriter _prompt;
    private readonly LineReader _input;
    private readonly SemaphoreSlim _oneQuestion;
    private readonly HashSet<string> _alwaysAllowed = new(StringComparer.Ordinal);
    private readonly DefaultToolApprover _policy;

    /// <param name="oneQuestionAtATime">Shared with other prompts (ask_user) so questions never interleave.</param>
    public InteractiveApprover(StyledWriter prompt, LineReader input, SemaphoreSlim oneQuestionAtATime)
    {
        _oneQuestion = oneQuestionAtATime ?? throw new ArgumentNullException(nameof(oneQuestionAtATime));
        _prompt = prompt ?? throw new ArgumentNullException(nameof(prompt));
        _input = input ?? throw new ArgumentNullException(nameof(input));
        _policy = new DefaultToolApprover(approveAll: false, AskAsync);
    }

    public ValueTask<ToolApproval> ApproveAsync(ToolApprovalRequest request, CancellationToken cancellationToken) =>
        _policy.ApproveAsync(request, cancellationToken);

    private async ValueTask<bool> AskAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        await _oneQuestion.WaitAsync(cancellationToken);
        try
        {
            if (_alwaysAllowed.Contains(request.Tool.Name))
            {
                return true;
            }

            while (true)
            {
                _prompt.Text($"[yellow]? allow[/] [blue]{Markup.Escape(request.Tool.Name)}[/] [grey]{Markup.Escape(Units.OneLine(request.Arguments.GetRawText(), 160))}[/] [yellow][[y/n/a=always]][/] ");
                _prompt.Writer.Flush();
                var answer = (await _input.ReadLineAsync(cancellationToken))?.Trim().ToLowerInvariant();
                switch (answer)
                {
                    case "y" or "yes":
                        return true;
                    case "a" or "always":
                        _alwaysAllowed.Add(request.Tool.Name);
                        return true;
                    case null or "n" or "no":
                        return false;
                    default:
                        _prompt.Line("[grey]answer y (yes), n (no) or a (always allow this tool in this session)[/]");
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

namespace Chitin.Tools.Interaction;

/// <summary>
/// ask_user: a question to the person running the agent, through an <see cref="IUserPrompter"/>. It changes nothing,
/// but it is not concurrency-safe: one person answers one question at a time.
/// </summary>
public sealed class AskUserTool(IUserPrompter? prompter)
    : ToolBase("ask_user", "Ask the user a question and wait for the answer. Only when you cannot proceed without it.", Schema, ToolTraits.ReadOnly)
{
    private const string Schema =
        """
        {"type":"object","properties":{"question":{"type":"string"},"options":{"type":"array","items":{"type":"string"},"description":"Suggested answers"}},"required":["question"]}
        """;

    public override async ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var arguments = ToolArguments.Of(this, invocation);
        var question = arguments.String("question", required: true);
        var options = arguments.Strings("options") ?? [];
        if (arguments.HasErrors(out var invalid))
        {
            return invalid;
        }

        if (prompter is null)
        {
            return ToolResult.Error("no user is available to answer; decide yourself and state your assumption");
        }

        var cleanOptions = options.Select(option => option.Trim()).Where(option => option.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        var answer = await prompter.AskAsync(new UserQuestion(invocation.Context.SessionId, question!.Trim(), cleanOptions), cancellationToken).ConfigureAwait(false);
        var data = JsonSerializer.SerializeToElement(new AskUserData(question!, answer), ToolsJsonContext.Default.AskUserData);
        return string.IsNullOrWhiteSpace(answer)
            ? ToolResult.Ok("The user gave no answer; decide yourself and state your assumption.", data)
            : ToolResult.Ok("The user answered: " + answer.Trim(), data);
    }
}

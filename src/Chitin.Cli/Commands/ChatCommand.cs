namespace Chitin.Cli.Commands;

/// <summary><c>chitin chat</c>: an interactive session; see <see cref="ChatRepl"/>.</summary>
public static class ChatCommand
{
    private const string Description =
        """
        Talk with the agent in the current directory, turn by turn. Answers stream as they are written.

        Tools that change files or run commands ask first (unless a permission rule or --mode decides):
        y (yes), n (no), a (always, for this session). Ctrl-C during a turn cancels that turn and keeps the
        session; Ctrl-C at an empty prompt (or /exit, or Ctrl-D) quits.
        Slash commands: /help, /model [id], /usage, /sessions, /compact, /exit.

        Examples:
          chitin chat
          chitin chat --model claude-sonnet-4-5
          chitin chat --resume 20261123-101500-a1b2c3
          chitin chat --mode acceptEdits --allow 'run_shell(dotnet build*)'
        """;

    public static Command Create(CommandRuntime runtime)
    {
        var resume = new Option<string?>("--resume", "-r")
        {
            Description = "Continue a saved session (ids from 'chitin sessions list') instead of starting a new one.",
            HelpName = "id",
        };
        var model = CommonOptions.Model();
        var permissions = new PermissionOptions();
        var command = new Command("chat", Description) { resume, model };
        permissions.AddTo(command);
        command.SetAction((parse, ct) => ExecuteAsync(runtime, parse.GetValue(resume), parse.GetValue(model), permissions.Read(parse, yes: false), ct));
        return command;
    }

    private static async Task<int> ExecuteAsync(CommandRuntime runtime, string? resume, string? modelFlag, PermissionFlags flags, CancellationToken cancellationToken)
    {
        ChitinConfig config;
        try
        {
            var overrides = new ConfigOverrides { Model = modelFlag };
            config = TrustPrompt.Settle(runtime, runtime.LoadConfig(overrides), mayAsk: true, () => runtime.LoadConfig(overrides));
            config.RequireProvider();
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }

        var input = new LineReader(runtime.Context.In);
        using var oneQuestionAtATime = new SemaphoreSlim(1, 1);
        var prompter = new ConsolePermissionPrompter(runtime.Error, input, oneQuestionAtATime);
        AgentSafety safety;
        try
        {
            safety = AgentSafety.Create(runtime.Context, config, flags, runtime.Redactor, runtime.Warn, prompter.AskAsync);
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }

        using var ownedSafety = safety;
        var tools = safety.ToolOptions with { UserPrompter = new ConsoleUserPrompter(runtime.Error, input, oneQuestionAtATime) };
        await using var host = await ChitinHost.StartAsync(config, HostOptions.From(runtime.Context, safety, toolOptions: tools, warn: runtime.Warn, inform: runtime.Inform), cancellationToken);
        string? model = config.Model;
        if (resume is not null)
        {
            var session = await host.Store.GetSessionAsync(resume, cancellationToken);
            if (session is null)
            {
                return runtime.Fail(ExitCodes.UsageError, $"no session '{resume}' in {config.Paths.DatabaseFile}; see 'chitin sessions list'");
            }

            // The session keeps its model unless --model says otherwise.
            model = modelFlag ?? session.Model ?? model;
            runtime.Error.Line($"[grey]resumed session {Markup.Escape(session.Id)} · {session.MessageCount} messages · {Markup.Escape(session.Title)}[/]");
        }

        AgentRunner runner;
        try
        {
            model ??= config.RequireModel();
            runner = host.Runners.Create(model);
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }

        var repl = new ChatRepl(runtime, host, input, runner, model, resume, config.Limits);
        return await repl.RunAsync(cancellationToken);
    }
}

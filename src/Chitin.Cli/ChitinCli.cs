namespace Chitin.Cli;

/// <summary>
/// The <c>chitin</c> command line. <see cref="RunAsync"/> is the whole program given its arguments and a
/// <see cref="CliContext"/>, so tests run it in-process with their own streams and environment.
/// </summary>
public static class ChitinCli
{
    private const string Description =
        """
        chitin: an agent harness that spends fewer tokens, runs faster and keeps your memory yours.

        Configuration, highest precedence first: flags, environment (OPENAI_BASE_URL + OPENAI_API_KEY or
        ANTHROPIC_BASE_URL + ANTHROPIC_API_KEY, CHITIN_MODEL), ./.chitin/config.json, $CHITIN_HOME/config.json
        (CHITIN_HOME defaults to ~/.chitin and also holds chitin.db and artifacts/).

        Start with 'chitin demo' (no key needed), then 'chitin init' and 'chitin doctor'.
        """;

    public static RootCommand BuildRootCommand(CommandRuntime runtime)
    {
        var root = new RootCommand(Description)
        {
            RunCommand.Create(runtime),
            ChatCommand.Create(runtime),
            InitCommand.Create(runtime),
            DoctorCommand.Create(runtime),
            Trust.TrustCommand.Create(runtime),
            DemoCommand.Create(runtime),
            UsageCommand.Create(runtime),
            Routing.ProvidersCommand.Create(runtime),
            Routing.BudgetCommand.Create(runtime),
            SessionsCommand.Create(runtime),
            RunsCommand.Create(runtime),
            ContextCommand.Create(runtime),
            MemoryCommand.Create(runtime),
            SkillsCommand.Create(runtime),
            McpCommand.Create(runtime),
            Gateway.GatewayCommand.Create(runtime),
            CronCommand.Create(runtime),
            Channels.PairingCommand.Create(runtime),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var runtime = new CommandRuntime(context);
        var parse = BuildRootCommand(runtime).Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                runtime.Fail(ExitCodes.UsageError, error.Message);
            }

            var path = CommandPath(parse);
            context.Error.WriteLine(path.Length == 0 ? "Run 'chitin --help' for usage." : $"Run 'chitin {path} --help' for usage.");
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken);
        }
        catch (ConfigException ex)
        {
            return runtime.Fail(ex);
        }
        catch (StoreUnavailableException ex)
        {
            return runtime.Fail(ExitCodes.TaskFailed, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || context.Interrupts.StopRequested)
        {
            return runtime.Fail(ExitCodes.Cancelled, "cancelled");
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null && result != parse.RootCommandResult; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return string.Join(' ', names);
    }
}

namespace Chitin.Cli.Commands;

/// <summary>--mode, --allow and --deny: the command-line permission layer of run and chat.</summary>
public sealed class PermissionOptions
{
    public Option<string?> Mode { get; } = new("--mode")
    {
        Description = "Permission mode: default (reads run, the rest asks), acceptEdits (file edits in the workspace run too), " +
                      "plan (read-only: every other tool is refused) or unrestricted (everything not denied runs).",
        HelpName = "mode",
    };

    public Option<string[]> Allow { get; } = new("--allow")
    {
        Description = "Let calls matching this rule run without asking, e.g. 'run_shell(git diff*)' or 'write_file(src/**)'. Repeatable.",
        HelpName = "rule",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> Deny { get; } = new("--deny")
    {
        Description = "Refuse calls matching this rule, e.g. 'run_shell(rm*)' or 'web_fetch'. Repeatable; a deny beats every allow.",
        HelpName = "rule",
        AllowMultipleArgumentsPerToken = false,
    };

    public PermissionOptions() => Mode.AcceptOnlyFromAmong([.. PermissionModes.Names]);

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Mode);
        command.Options.Add(Allow);
        command.Options.Add(Deny);
    }

    public PermissionFlags Read(ParseResult parse, bool yes)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new PermissionFlags
        {
            Mode = parse.GetValue(Mode),
            Allow = parse.GetValue(Allow) ?? [],
            Deny = parse.GetValue(Deny) ?? [],
            Yes = yes,
        };
    }
}

namespace Chitin.Cli.Skills;

/// <summary><c>chitin skills add|enable|disable|remove</c>.</summary>
internal static class SkillEditCommands
{
    public static Command Add(CommandRuntime runtime)
    {
        var source = new Argument<string>("source") { Description = "A skill folder or a .zip holding one." };
        var approve = new Option<bool>("--approve-warnings") { Description = "Install even when vetting warns (never when it blocks)." };
        var replace = new Option<bool>("--replace") { Description = "Replace an installed skill of the same name (the old one is kept as a previous version)." };
        var json = CommonOptions.Json("the outcome, the vetting report and the installed skill");
        var command = new Command("add", "Install a skill into $CHITIN_HOME/skills: checked against the spec and vetted first, then pinned by content hash. Exits 0 installed, 1 not installed (warnings or invalid), 4 blocked.") { source, approve, replace, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, async (session, token) =>
        {
            var path = Path.GetFullPath(parse.GetValue(source)!, runtime.Context.WorkingDirectory);
            var result = await session.Library.AddAsync(path, new SkillAddOptions { ApproveWarnings = parse.GetValue(approve), Replace = parse.GetValue(replace) }, token);
            if (parse.GetValue(json))
            {
                runtime.Context.Out.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.SkillAddResult));
            }
            else
            {
                SkillReadCommands.PrintFindings(runtime, [.. result.Findings]);
                if (result.Succeeded)
                {
                    runtime.Output.Line($"installed {result.Name} (version {result.Installed?.Version}) in {result.Installed?.Directory}");
                }
                else
                {
                    runtime.Fail(ExitCodes.TaskFailed, $"not installed: {result.Reason ?? result.Outcome.ToString()}");
                }
            }

            return result.Outcome switch
            {
                SkillAddOutcome.Installed or SkillAddOutcome.AlreadyInstalled => ExitCodes.Ok,
                SkillAddOutcome.Blocked => ExitCodes.Blocked,
                _ => ExitCodes.TaskFailed,
            };
        }));
        return command;
    }

    public static Command Enable(CommandRuntime runtime) => OnNamedSkill(
        runtime,
        "enable",
        "Enable a skill, approving its current vetting warnings (a blocked skill cannot be enabled; a changed one is vetted again).",
        "the skill",
        "enabled",
        async (library, skill, token) => await library.EnableAsync(skill, token) is not null);

    public static Command Disable(CommandRuntime runtime) => OnNamedSkill(
        runtime,
        "disable",
        "Disable a skill: it leaves the prompt index and cannot be loaded until enabled again.",
        "the result",
        "disabled",
        (library, skill, token) => Found(library.DisableAsync(skill, token)));

    public static Command Remove(CommandRuntime runtime) => OnNamedSkill(
        runtime,
        "remove",
        "Remove an installed skill from $CHITIN_HOME/skills (project skills are files in the repository: delete them there).",
        "the result",
        "removed",
        (library, skill, token) => Found(library.RemoveAsync(skill, token)));

    /// <summary>A command that takes one skill name, applies <paramref name="change"/> to it and reports <paramref name="done"/>; false from the change means there is no such installed skill.</summary>
    private static Command OnNamedSkill(
        CommandRuntime runtime,
        string verb,
        string description,
        string jsonContent,
        string done,
        Func<SkillLibrary, string, CancellationToken, Task<bool>> change)
    {
        var name = Name();
        var json = CommonOptions.Json(jsonContent);
        var command = new Command(verb, description) { name, json };
        command.SetAction((parse, ct) => SkillsSession.RunAsync(runtime, ct, async (session, token) =>
        {
            var skill = parse.GetValue(name)!;
            return await change(session.Library, skill, token)
                ? Done(runtime, parse.GetValue(json), done, skill)
                : runtime.Fail(ExitCodes.TaskFailed, $"no installed skill named '{skill}'; see chitin skills list");
        }));
        return command;
    }

    /// <summary>For changes that throw rather than report a missing skill.</summary>
    private static async Task<bool> Found(Task change)
    {
        await change;
        return true;
    }

    private static Argument<string> Name() => new("name") { Description = "Skill name, as shown by chitin skills list." };

    private static int Done(CommandRuntime runtime, bool json, string status, string name)
    {
        return runtime.Print(json, new CommandResultOutput(status, Path: name), CliJsonContext.Default.CommandResultOutput, $"{status} {name}");
    }
}

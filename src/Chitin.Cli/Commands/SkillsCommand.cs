namespace Chitin.Cli.Commands;

/// <summary><c>chitin skills ...</c>: Agent Skills, vetted on this machine before they reach the model.</summary>
public static class SkillsCommand
{
    private const string Description =
        """
        Agent Skills: folders with a SKILL.md that teach the agent a kind of work. Only each skill's name and
        description sit in the prompt; the agent loads the body with the skill tool when it needs it. Skills are found
        in ./.chitin/skills, ./.agents/skills, ./.claude/skills, $CHITIN_HOME/skills and those shipped with Chitin
        (the nearer wins a name). Every skill is vetted locally before first use and whenever it changes: a blocked
        skill never reaches the model; one with warnings needs 'chitin skills enable'.

        Exit codes of vet and add: 0 pass, 1 warnings, 4 blocked.

        Examples:
          chitin skills list
          chitin skills vet ./downloads/pdf-tools
          chitin skills add ./downloads/pdf-tools.zip
          chitin skills distill 20261123-101500-a1b2c3
          chitin skills stats
        """;

    public static Command Create(CommandRuntime runtime) =>
        new("skills", Description)
        {
            SkillReadCommands.List(runtime),
            SkillReadCommands.Show(runtime),
            SkillReadCommands.Vet(runtime),
            SkillEditCommands.Add(runtime),
            SkillEditCommands.Enable(runtime),
            SkillEditCommands.Disable(runtime),
            SkillEditCommands.Remove(runtime),
            SkillGrowCommands.Distill(runtime),
            SkillGrowCommands.Stats(runtime),
        };
}

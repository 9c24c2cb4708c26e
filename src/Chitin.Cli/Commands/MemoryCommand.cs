namespace Chitin.Cli.Commands;

/// <summary><c>chitin memory ...</c>: the user's long-term memory, shared by every agent and synced with other agents' Markdown.</summary>
public static class MemoryCommand
{
    private const string Description =
        """
        Your long-term memory: facts, preferences, decisions and procedures the agent saved (memory_save), captured
        before compaction, or you added. Items have a layer (semantic, procedural, episodic, working) and a scope
        (user: every agent; project: this folder; agent: one --agent profile; session). A newer fact about the same
        subject supersedes the older one, which keeps its history. Stored in CHITIN_HOME/chitin.db.

        Examples:
          chitin memory add "The user prefers tabs over spaces" --scope user
          chitin memory search "indentation preference" --json
          chitin memory show mem_0123456789abcdef --history
          chitin memory forget mem_0123456789abcdef --reason "no longer true"
          chitin memory import ~/.openclaw/workspace            # MEMORY.md + memory/YYYY-MM-DD.md
          chitin memory export --format claude --out CLAUDE.md
          chitin memory sync .                                 # two-way with CLAUDE.md / AGENTS.md / MEMORY.md here
        """;

    public static Command Create(CommandRuntime runtime) =>
        new("memory", Description)
        {
            MemoryEditCommands.Add(runtime),
            MemoryReadCommands.Search(runtime),
            MemoryReadCommands.List(runtime),
            MemoryReadCommands.Show(runtime),
            MemoryEditCommands.Forget(runtime),
            MemoryEditCommands.Conflicts(runtime),
            MemorySyncCommands.Import(runtime),
            MemorySyncCommands.Export(runtime),
            MemorySyncCommands.Sync(runtime),
            MemoryReadCommands.Stats(runtime),
        };
}

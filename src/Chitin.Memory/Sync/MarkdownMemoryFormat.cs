namespace Chitin.Memory.Sync;

/// <summary>The Markdown memory layouts of other agents that Chitin imports, exports and syncs.</summary>
public enum MarkdownMemoryFormat
{
    /// <summary>OpenClaw: <c>MEMORY.md</c> (curated long-term memory) and <c>memory/YYYY-MM-DD.md</c> daily logs, in the workspace folder.</summary>
    OpenClaw,

    /// <summary>Claude Code: the project's <c>CLAUDE.md</c>.</summary>
    Claude,

    /// <summary>The project's <c>AGENTS.md</c> (instructions for coding agents).</summary>
    Agents,

    /// <summary>Nanobot: <c>USER.md</c> (facts about the user) and <c>memory/MEMORY.md</c> (long-term memory) in its workspace.</summary>
    Nanobot,
}

namespace Chitin.Memory.Sync;

/// <summary>What a Markdown memory file holds, decided by its name; it sets the layer and scope of its entries.</summary>
internal enum MemoryFileRole
{
    /// <summary><c>MEMORY.md</c> (OpenClaw, Nanobot; also any other .md named explicitly): user scope, semantic or procedural.</summary>
    LongTerm,

    /// <summary><c>memory/YYYY-MM-DD.md</c> (OpenClaw): user scope, episodic, valid from that day.</summary>
    DailyLog,

    /// <summary><c>USER.md</c> (Nanobot, OpenClaw): facts about the user, user scope, semantic.</summary>
    UserProfile,

    /// <summary><c>CLAUDE.md</c> (Claude Code): project scope, procedural or semantic.</summary>
    ClaudeProject,

    /// <summary><c>AGENTS.md</c>: project scope, procedural.</summary>
    AgentsProject,
}

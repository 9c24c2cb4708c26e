namespace Chitin.Skills.Vetting.Rules;

/// <summary>
/// Writes to the agent's own instruction and memory files (SOUL.md, AGENTS.md, IDENTITY.md, CLAUDE.md, MEMORY.md):
/// a skill that rewrites them plants instructions that outlive the skill, as reported for the ClawHavoc campaign.
/// </summary>
internal sealed partial class AgentMemoryRule() : LineRule(
    "persist.agent-memory", FindingSeverity.Block, "Writes to the agent's instruction or memory files (SOUL.md, AGENTS.md, IDENTITY.md, CLAUDE.md, MEMORY.md).")
{
    protected override SearchValues<string> Triggers { get; } = Words("soul.md", "agents.md", "identity.md", "claude.md", "bootstrap.md", "heartbeat.md", "memory.md", "gemini.md", "user.md", "tools.md");

    protected override void CheckUnit(VetFile file, TextUnit unit, FindingSink sink)
    {
        var write = InstructionFileWrite().Match(unit.Code);
        if (write.Success && write.Value.Contains("/skills/", StringComparison.OrdinalIgnoreCase))
        {
            // The skill writing its own files under a skills folder is not the agent's instruction files.
            return;
        }

        if (ReportCode(file, unit, sink, InstructionFileWrite(), FindingSeverity.Block,
            "Rewrites the agent's own instruction files (SOUL.md, AGENTS.md, IDENTITY.md, CLAUDE.md…), planting instructions that persist after the skill is removed. Remove it."))
        {
            return;
        }

        if (ReportCode(file, unit, sink, MemoryFileWrite(), FindingSeverity.Warning,
            "Writes to the agent's memory or heartbeat files (MEMORY.md, USER.md, HEARTBEAT.md, TOOLS.md); make sure nothing is planted there that changes later behaviour."))
        {
            return;
        }

        ReportText(file, unit, sink, ProseEdit(), FindingSeverity.Warning,
            "Tells the agent to change its own instruction or memory files; such edits persist beyond this skill. Check what would be written.");
    }

    [GeneratedRegex(@"([ \t]>>?|\btee\b|\bcat\s*>>?|\bAdd-Content\b|\bSet-Content\b|\bOut-File\b|\bcp\s+\S+|\bmv\s+\S+|\bsed\s+-i\b)[^\n;|&]*(^|[\s/""'=])(SOUL|AGENTS|IDENTITY|CLAUDE|BOOTSTRAP|GEMINI)\.md\b[^\n]*|\bopen\s*\([^)\n]*(^|[\s/""'=])(SOUL|AGENTS|IDENTITY|CLAUDE|BOOTSTRAP|GEMINI)\.md[^)\n]*,\s*(mode\s*=\s*)?[aw]\+?b?\s*[,)]|\b(write_text|appendFileSync|writeFileSync|appendFile|writeFile)\s*\([^\n]*(^|[\s/""'=])(SOUL|AGENTS|IDENTITY|CLAUDE|BOOTSTRAP)\.md\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex InstructionFileWrite();

    [GeneratedRegex(@"([ \t]>>?|\btee\b|\bcat\s*>>?|\bAdd-Content\b|\bSet-Content\b|\bOut-File\b|\bsed\s+-i\b)[^\n;|&]*(^|[\s/""'=])(MEMORY|USER|HEARTBEAT|TOOLS)\.md\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex MemoryFileWrite();

    [GeneratedRegex(@"\b(add|append|write|insert|save|copy|put|prepend|inject|modify|update|edit|overwrite|replace|rewrite)\b[^\n]{0,80}\b(SOUL|AGENTS|IDENTITY|CLAUDE|BOOTSTRAP|HEARTBEAT)\.md\b", Patterns.Options, Patterns.TimeoutMs)]
    private static partial Regex ProseEdit();
}

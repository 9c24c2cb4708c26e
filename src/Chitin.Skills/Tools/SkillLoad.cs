namespace Chitin.Skills.Tools;

/// <summary>
/// A skill's instructions were loaded into a session by the <c>skill</c> tool: raised once per successful body load
/// (not for reads of the skill's other files). <paramref name="ContentHash"/> is the vetted content hash, null when
/// the skill was not vetted; <paramref name="Tokens"/> is what the tool result added to the context.
/// </summary>
public sealed record SkillLoad(string SessionId, string Name, string? ContentHash, int Tokens);

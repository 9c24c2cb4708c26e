namespace Chitin.Skills.Stats;

/// <summary>One logged load of a skill body into a session.</summary>
public sealed record SkillLoadRecord(long Id, string SessionId, string SkillName, string? ContentHash, int Tokens, DateTimeOffset At);

namespace Chitin.Skills.Tools;

/// <summary>A skill a session loaded: its folder, vetted content hash and <c>allowed-tools</c> as they were when loaded.</summary>
public sealed record LoadedSkill(string Name, string Directory, string? ContentHash, IReadOnlyList<string> AllowedTools);

namespace Chitin.Memory.Model;

/// <summary>
/// Where an item came from. <see cref="Reference"/> is
/// the session id, message reference ("session:seq") or import file path; <see cref="Line"/> the 1-based line in a file.
/// </summary>
public sealed record MemorySource(MemorySourceKind Kind, string? Reference = null, int? Line = null);

namespace Chitin.Memory.Model;

/// <summary>
/// Where an item came from. <see cref="Kind"/> is one of <see cref="MemorySourceKinds"/>; <see cref="Reference"/> is
/// the session id, message reference ("session:seq") or import file path; <see cref="Line"/> the 1-based line in a file.
/// </summary>
public sealed record MemorySource(string Kind, string? Reference = null, int? Line = null);

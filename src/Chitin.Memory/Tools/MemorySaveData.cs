namespace Chitin.Memory.Tools;

/// <summary>Structured result of memory_save.</summary>
internal sealed record MemorySaveData(string Id, string Action, string Layer, string Scope, IReadOnlyList<string> Superseded, IReadOnlyList<string> Conflicts);

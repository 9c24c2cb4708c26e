namespace Chitin.Memory.Tools;

/// <summary>Structured result of memory_forget.</summary>
internal sealed record MemoryForgetData(string Id, bool Forgotten, string Reason);

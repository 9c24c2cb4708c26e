namespace Chitin.Memory.Tools;

/// <summary>The model-facing memory tools over one store.</summary>
public static class MemoryTools
{
    /// <summary>memory_save, memory_search and memory_forget, in that order.</summary>
    public static IReadOnlyList<ITool> Create(IMemoryStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [new MemorySaveTool(store, time), new MemorySearchTool(store), new MemoryForgetTool(store)];
    }
}

namespace Chitin.Memory.Storage;

/// <summary>The memory store's own failures; failures of the database file come from the shared classifier.</summary>
internal static class MemoryStoreErrors
{
    public static MemoryStoreException ItemNotFound(string databasePath, string id) =>
        new(MemoryStoreErrorKind.ItemNotFound, databasePath, $"No memory item '{id}' in '{databasePath}'. List ids with `chitin memory list`.");
}

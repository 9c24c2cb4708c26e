using Chitin.Memory.Storage;

namespace Chitin.Memory.Tests.Evaluation;

/// <summary>A temp folder holding one real SQLite memory store for an evaluation test; removed afterwards.</summary>
internal sealed class EvaluationFolder : IAsyncDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("chitin-memory-eval-").FullName;
    private readonly List<SqliteMemoryStore> _stores = [];

    public async Task<SqliteMemoryStore> OpenStoreAsync(string name = "memory.db")
    {
        var store = await SqliteMemoryStore.OpenAsync(Path.Combine(_path, name), new MemoryStoreOptions(), CancellationToken.None);
        _stores.Add(store);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        try
        {
            Directory.Delete(_path, recursive: true);
        }
        catch (IOException)
        {
            // A file is still held open by something outside this test; the OS temp cleaner removes it.
        }
    }
}

using Chitin.Memory.Model;
using Chitin.Memory.Storage;

namespace Chitin.Memory.Tests.Storage;

/// <summary>A temp folder with a database file for one test; opens stores on it and removes everything afterwards.</summary>
internal sealed class MemoryStoreFolder : IAsyncDisposable
{
    public static readonly MemoryViewer Writer = new("main", "/work/project-a", "ses_1");

    private readonly List<SqliteMemoryStore> _opened = [];

    public MemoryStoreFolder()
    {
        Path = Directory.CreateTempSubdirectory("chitin-memory-store-").FullName;
    }

    public string Path { get; }

    public string DatabasePath => System.IO.Path.Combine(Path, "chitin.db");

    public ManualClock Clock { get; } = new();

    public async Task<SqliteMemoryStore> OpenAsync(MemoryStoreOptions? options = null)
    {
        var store = await SqliteMemoryStore.OpenAsync(DatabasePath, options ?? new MemoryStoreOptions { Time = Clock }, CancellationToken.None);
        _opened.Add(store);
        return store;
    }

    public static MemoryDraft Draft(string text, MemoryScope scope = MemoryScope.User, MemoryLayer layer = MemoryLayer.Semantic) =>
        new() { Text = text, Scope = scope, Layer = layer, Source = new MemorySource(MemorySourceKind.Cli) };

    /// <summary>Records compare lists by reference; this compares tags by content and every other field as the record does.</summary>
    public static void AssertSameItem(MemoryItem expected, MemoryItem? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected with { Tags = [] }, actual with { Tags = [] });
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Something still holds a file; the OS temp cleaner takes it.
        }
    }
}

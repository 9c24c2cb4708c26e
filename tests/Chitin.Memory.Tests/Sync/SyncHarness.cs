using System.Text;
using Chitin.Memory.Model;
using Chitin.Memory.Storage;
using Chitin.Memory.Sync;

namespace Chitin.Memory.Tests.Sync;

/// <summary>
/// A temp folder with a real SQLite memory store and a workspace (optionally a copy of a fixture layout), removed afterwards.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private SyncHarness(string root, string workspace, SqliteMemoryStore store)
    {
        Root = root;
        Workspace = workspace;
        Store = store;
        Sync = new MarkdownMemorySync(store);
        Viewer = MemoryViewer.For("main", workspace);
    }

    public string Root { get; }

    public string Workspace { get; }

    public SqliteMemoryStore Store { get; private set; }

    public MarkdownMemorySync Sync { get; private set; }

    public MemoryViewer Viewer { get; }

    public string DatabasePath => Path.Combine(Root, "chitin.db");

    public static async Task<SyncHarness> CreateAsync(string? fixture = null)
    {
        var root = Directory.CreateTempSubdirectory("chitin-sync-").FullName;
        var workspace = Path.Combine(root, "work");
        Directory.CreateDirectory(workspace);
        if (fixture is not null)
        {
            CopyFolder(Path.Combine(AppContext.BaseDirectory, "Sync", "Fixtures", fixture), workspace);
        }

        var store = await SqliteMemoryStore.OpenAsync(Path.Combine(root, "chitin.db"), new MemoryStoreOptions(), CancellationToken.None);
        return new SyncHarness(root, workspace, store);
    }

    public string PathOf(string relative) => Path.Combine(Workspace, relative);

    public byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public string Text(string relative) => Encoding.UTF8.GetString(Bytes(relative));

    public void Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public void WriteBytes(string relative, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllBytes(PathOf(relative), bytes);
    }

    /// <summary>Replaces one exact piece of a file's text, failing if it is not there exactly once.</summary>
    public void Edit(string relative, string oldText, string newText)
    {
        var text = Text(relative);
        Assert.Equal(1, CountOf(text, oldText));
        Write(relative, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    /// <summary>Current items imported from a file.</summary>
    public async Task<List<MemoryItem>> ImportedFromAsync(string relative) =>
        (await Store.ListAsync(new MemoryListQuery { SourceKind = MemorySourceKind.Import, SourceReference = PathOf(relative), Limit = 1000 }, CancellationToken.None))
        .OrderBy(i => i.Source.Line)
        .ToList();

    /// <summary>Every current item.</summary>
    public async Task<List<MemoryItem>> CurrentAsync() =>
        (await Store.ListAsync(new MemoryListQuery { Limit = 10_000 }, CancellationToken.None)).ToList();

    public async Task<MemoryItem> FindAsync(string text) =>
        Assert.Single(await CurrentAsync(), i => i.Text == text);

    public async Task<MemoryItem> SaveAsync(string text, MemoryLayer layer, MemoryScope scope, DateTimeOffset? validFrom = null) =>
        (await Store.SaveAsync(
            new MemoryDraft { Text = text, Layer = layer, Scope = scope, Source = new MemorySource(MemorySourceKind.Cli), ValidFrom = validFrom },
            Viewer,
            CancellationToken.None)).Item;

    public Task<MemoryImportReport> ImportAsync(string relative = "", IProgress<MemoryImportProgress>? progress = null) =>
        Sync.ImportAsync(relative.Length == 0 ? Workspace : PathOf(relative), Viewer, progress, CancellationToken.None);

    public Task<MemorySyncReport> SyncAsync() => Sync.SyncAsync(Workspace, Viewer, CancellationToken.None);

    /// <summary>Closes and reopens the store, as a new process would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await SqliteMemoryStore.OpenAsync(DatabasePath, new MemoryStoreOptions(), CancellationToken.None);
        Sync = new MarkdownMemorySync(Store);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held elsewhere; the OS temp cleaner takes it.
        }
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

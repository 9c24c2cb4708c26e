using Chitin.Core.Sessions;
using Chitin.Storage.Checkpoints;
using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Checkpoints;

/// <summary>The checkpoint store on real files and a real SQLite database: ignores, caps, expiry and the object sweep.</summary>
public sealed class CheckpointStoreTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-ckpt-").FullName;
    private SqliteChitinStore? _store;

    private string Workspace => Path.Combine(_root, "ws");

    private SqliteChitinStore Store => _store!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        _store = await SqliteChitinStore.OpenAsync(Path.Combine(_root, "home", "chitin.db"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Ignored_paths_git_folders_and_files_over_the_cap_are_not_kept_and_the_cap_is_noted()
    {
        await File.WriteAllTextAsync(Path.Combine(Workspace, ".gitignore"), "node_modules/\n*.log\n");
        Directory.CreateDirectory(Path.Combine(Workspace, "node_modules", "pkg"));
        await File.WriteAllTextAsync(Path.Combine(Workspace, "node_modules", "pkg", "index.js"), "x");
        await File.WriteAllTextAsync(Path.Combine(Workspace, "run.log"), "log");
        Directory.CreateDirectory(Path.Combine(Workspace, ".git"));
        await File.WriteAllTextAsync(Path.Combine(Workspace, ".git", "HEAD"), "ref: refs/heads/main");
        await File.WriteAllBytesAsync(Path.Combine(Workspace, "big.bin"), new byte[3000]);
        await File.WriteAllTextAsync(Path.Combine(Workspace, "small.txt"), "small");
        using var checkpoints = Open(maxFileBytes: 2000);

        var scan = await checkpoints.ScanAsync(Workspace, CancellationToken.None);

        Assert.Equal([".gitignore", "big.bin", "small.txt"], scan.Manifest.Entries.Select(e => e.Path));
        Assert.Equal(EntryKind.Skipped, scan.Manifest.Find("big.bin")!.Kind);
        Assert.Contains(scan.Notes, n => n.Contains("big.bin", StringComparison.Ordinal) && n.Contains("cap", StringComparison.Ordinal));
        Assert.False(checkpoints.Objects.Contains(ObjectStore.HashOf(new byte[3000])));
    }

    [Fact]
    public async Task An_unchanged_workspace_stores_nothing_more_and_a_changed_file_stores_one_object()
    {
        await File.WriteAllTextAsync(Path.Combine(Workspace, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(Workspace, "b.txt"), "b");
        using var checkpoints = Open();
        var first = await checkpoints.ScanAsync(Workspace, CancellationToken.None);

        var again = await checkpoints.ScanAsync(Workspace, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(Workspace, "b.txt"), "changed");
        var changed = await checkpoints.ScanAsync(Workspace, CancellationToken.None);

        Assert.True(first.BytesStored > 0);
        Assert.Equal(0, again.BytesStored);
        Assert.Equal(first.ManifestHash, again.ManifestHash);
        Assert.NotEqual(first.ManifestHash, changed.ManifestHash);
        Assert.True(checkpoints.Objects.Contains(ObjectStore.HashOf("changed"u8)));
        Assert.Equal(ManifestDiff.Between(first.Manifest, changed.Manifest), [new FileChange("b.txt", FileChangeKind.Modified)]);
    }

    [Fact]
    public async Task Checkpoints_expire_with_their_session_and_by_age_and_unused_objects_are_swept()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-12-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await File.WriteAllTextAsync(Path.Combine(Workspace, "a.txt"), "kept while a session needs it");
        var old = await Store.CreateSessionAsync(new SessionInfo { Id = "old", Workspace = Workspace }, CancellationToken.None);
        var gone = await Store.CreateSessionAsync(new SessionInfo { Id = "gone", Workspace = Workspace }, CancellationToken.None);
        using var checkpoints = Open(maxAge: TimeSpan.FromDays(7), time: time);
        await checkpoints.EndTurnAsync((await checkpoints.BeginTurnAsync(old.Id, Workspace, 0, CancellationToken.None))!, 0, CancellationToken.None);
        time.Now += TimeSpan.FromDays(6);
        await checkpoints.BeginTurnAsync(gone.Id, Workspace, 0, CancellationToken.None);
        var blob = ObjectStore.HashOf("kept while a session needs it"u8);

        await Store.DeleteSessionAsync(gone.Id, CancellationToken.None);
        var first = await checkpoints.PruneAsync(CancellationToken.None);
        Assert.Equal(1, first.Checkpoints);
        Assert.True(checkpoints.Objects.Contains(blob), "the old session still uses the object");

        time.Now += TimeSpan.FromDays(2);
        var second = await checkpoints.PruneAsync(CancellationToken.None);

        Assert.Equal(1, second.Checkpoints);
        Assert.True(second.BytesFreed > 0);
        Assert.False(checkpoints.Objects.Contains(blob));
        Assert.Empty(await checkpoints.ListAsync(old.Id, CancellationToken.None));
        Assert.Equal(0, (await checkpoints.UsageAsync(CancellationToken.None)).Objects);
    }

    [Fact]
    public async Task Info_exclude_and_the_global_excludes_file_apply_below_the_gitignore_files()
    {
        Directory.CreateDirectory(Path.Combine(Workspace, ".git", "info"));
        await File.WriteAllTextAsync(Path.Combine(Workspace, ".git", "info", "exclude"), "*.scratch\nlocal/\n");
        var global = Path.Combine(_root, "git-ignore");
        await File.WriteAllTextAsync(global, "*.swp\n*.keep\n");
        await File.WriteAllTextAsync(Path.Combine(Workspace, ".gitignore"), "!wanted.keep\n");
        foreach (var name in new[] { "a.scratch", "b.swp", "wanted.keep", "other.keep", "kept.txt", "local/x.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Workspace, name))!);
            await File.WriteAllTextAsync(Path.Combine(Workspace, name), name);
        }

        using var checkpoints = Open(globalExcludes: global);
        var scan = await checkpoints.ScanAsync(Workspace, CancellationToken.None);

        Assert.Equal([".gitignore", "kept.txt", "wanted.keep"], scan.Manifest.Entries.Select(e => e.Path));
    }

    private WorkspaceCheckpoints Open(long maxFileBytes = CheckpointOptions.DefaultMaxFileBytes, TimeSpan? maxAge = null, TimeProvider? time = null, string? globalExcludes = null) =>
        new(new CheckpointOptions
        {
            GlobalExcludesFile = globalExcludes,
            Root = Path.Combine(_root, "home", "checkpoints"),
            DatabasePath = Store.DatabasePath,
            MaxFileBytes = maxFileBytes,
            MaxAge = maxAge ?? TimeSpan.Zero,
            SweepGrace = TimeSpan.Zero,
        }, Store, time);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

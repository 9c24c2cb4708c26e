using Chitin.Core.Sessions;
using Chitin.Storage.Checkpoints;
using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Checkpoints;

/// <summary>
/// The inotify change journal between checkpoints, on real files: each scan the journal answers must equal what a
/// full walk of the same workspace records (compared with a separate store that never journals).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ChangeJournalTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-journal-").FullName;
    private SqliteChitinStore? _store;

    private string Workspace => Path.Combine(_root, "ws");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        _store = await SqliteChitinStore.OpenAsync(Path.Combine(_root, "home", "chitin.db"), CancellationToken.None);
        Write("top.txt", "top");
        Write("src/a.txt", "a");
        Write("src/inner/b.txt", "b");
    }

    public async Task DisposeAsync()
    {
        await _store!.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_folder_created_and_filled_between_turns_is_recorded_from_the_journal()
    {
        using var checkpoints = Open();
        Assert.True((await ScanAsync(checkpoints)).Walked);

        Write("made/deeper/one.txt", "1");
        Write("made/two.txt", "2");
        var scan = await ScanAsync(checkpoints);

        Assert.False(scan.Walked);
        await AssertAsWalkedAsync(scan);
        Assert.Contains(scan.Manifest.Entries, e => e.Path == "made/deeper/one.txt");

        // The new folders are watched from now on.
        Write("made/deeper/three.txt", "3");
        var later = await ScanAsync(checkpoints);
        Assert.False(later.Walked);
        Assert.Equal([new FileChange("made/deeper/three.txt", FileChangeKind.Created)], ManifestDiff.Between(scan.Manifest, later.Manifest));
        await AssertAsWalkedAsync(later);
    }

    [Fact]
    public async Task A_renamed_folder_moves_its_entries_and_its_watches_follow_it()
    {
        using var checkpoints = Open();
        var first = await ScanAsync(checkpoints);

        Directory.Move(Path.Combine(Workspace, "src"), Path.Combine(Workspace, "lib"));
        var moved = await ScanAsync(checkpoints);
        Assert.False(moved.Walked);
        Assert.DoesNotContain(moved.Manifest.Entries, e => e.Path.StartsWith("src", StringComparison.Ordinal));
        Assert.Equal(first.Manifest.Find("src/inner/b.txt")!.Content, moved.Manifest.Find("lib/inner/b.txt")!.Content);
        await AssertAsWalkedAsync(moved);

        Write("lib/inner/b.txt", "changed in the moved folder");
        Write("lib/inner/c.txt", "new in the moved folder");
        var edited = await ScanAsync(checkpoints);
        Assert.False(edited.Walked);
        Assert.Equal(
            [new FileChange("lib/inner/b.txt", FileChangeKind.Modified), new FileChange("lib/inner/c.txt", FileChangeKind.Created)],
            ManifestDiff.Between(moved.Manifest, edited.Manifest));
        await AssertAsWalkedAsync(edited);

        // Back under the old name, over a new folder of that name.
        Write("src/other.txt", "other");
        Directory.Delete(Path.Combine(Workspace, "src"), recursive: true);
        Directory.Move(Path.Combine(Workspace, "lib"), Path.Combine(Workspace, "src"));
        await AssertAsWalkedAsync(await ScanAsync(checkpoints));
    }

    [Fact]
    public async Task A_deleted_watched_folder_leaves_the_manifest_and_one_made_again_under_its_name_is_recorded()
    {
        using var checkpoints = Open();
        await ScanAsync(checkpoints);

        Directory.Delete(Path.Combine(Workspace, "src"), recursive: true);
        var deleted = await ScanAsync(checkpoints);
        Assert.False(deleted.Walked);
        Assert.Equal(["top.txt"], deleted.Manifest.Entries.Select(e => e.Path));

        Write("src/inner/again.txt", "again");
        var again = await ScanAsync(checkpoints);
        Assert.False(again.Walked);
        Assert.Equal(["src", "src/inner", "src/inner/again.txt", "top.txt"], again.Manifest.Entries.Select(e => e.Path));
        await AssertAsWalkedAsync(again);
    }

    [Fact]
    public async Task Lost_events_make_the_next_checkpoint_walk_and_it_is_still_exact()
    {
        var flood = Directory.CreateDirectory(Path.Combine(Workspace, "src", "flood")).FullName;
        using var checkpoints = Open();
        await ScanAsync(checkpoints);

        // More creations than the kernel queues (fs.inotify.max_queued_events) in a watched folder: a real overflow.
        var limit = int.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_queued_events").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i <= limit; i++)
        {
            File.WriteAllBytes(Path.Combine(flood, $"{i}.txt"), []);
        }

        var overflowed = await ScanAsync(checkpoints);
        Assert.True(overflowed.Walked);
        Assert.Equal(limit + 1, overflowed.Manifest.Entries.Count(e => e.Path.StartsWith("src/flood/", StringComparison.Ordinal)));
        await AssertAsWalkedAsync(overflowed);

        // The walk watched everything again: the journal answers the next one.
        File.Delete(Path.Combine(flood, "7.txt"));
        var next = await ScanAsync(checkpoints);
        Assert.False(next.Walked);
        Assert.Equal([new FileChange("src/flood/7.txt", FileChangeKind.Deleted)], ManifestDiff.Between(overflowed.Manifest, next.Manifest));
    }

    [Fact]
    public async Task A_changed_gitignore_makes_a_walk_that_applies_it()
    {
        using var checkpoints = Open();
        await ScanAsync(checkpoints);

        Write("src/.gitignore", "inner/\n");
        var scan = await ScanAsync(checkpoints);

        Assert.True(scan.Walked);
        Assert.Equal(["src", "src/.gitignore", "src/a.txt", "top.txt"], scan.Manifest.Entries.Select(e => e.Path));

        // Ignored folders are not watched: writes there change nothing and need no walk.
        Write("src/inner/ignored.txt", "x");
        var after = await ScanAsync(checkpoints);
        Assert.False(after.Walked);
        Assert.Equal(scan.ManifestHash, after.ManifestHash);
    }

    [Fact]
    public async Task A_change_of_mode_or_a_same_size_rewrite_is_seen()
    {
        using var checkpoints = Open();
        var first = await ScanAsync(checkpoints);

        File.SetUnixFileMode(Path.Combine(Workspace, "src", "a.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using (var file = new FileStream(Path.Combine(Workspace, "top.txt"), FileMode.Open, FileAccess.Write))
        {
            file.Write("TOP"u8);
        }

        var scan = await ScanAsync(checkpoints);

        Assert.False(scan.Walked);
        Assert.Equal(
            [new FileChange("src/a.txt", FileChangeKind.Modified), new FileChange("top.txt", FileChangeKind.Modified)],
            ManifestDiff.Between(first.Manifest, scan.Manifest));
        await AssertAsWalkedAsync(scan);
    }

    [Fact]
    public async Task Changed_checkpoints_store_the_changed_lines_and_every_manifest_of_a_long_chain_reads_back_exactly()
    {
        for (var i = 0; i < 2000; i++)
        {
            Write($"bulk/d{i / 100}/f{i}.txt", $"file {i}");
        }

        using var checkpoints = Open();
        var first = await ScanAsync(checkpoints);
        var states = new List<ScanResult> { first };
        for (var round = 0; round < ManifestStore.MaxChain + 6; round++)
        {
            for (var k = 0; k < 10; k++)
            {
                Write($"bulk/d{k}/f{(k * 100) + round}.txt", $"round {round}");
            }

            File.Delete(Path.Combine(Workspace, "bulk", $"d19", $"f{1900 + round}.txt"));
            states.Add(await ScanAsync(checkpoints));
        }

        var wholeSize = new FileInfo(checkpoints.Objects.PathOf(first.ManifestHash)).Length;
        var deltaSize = new FileInfo(checkpoints.Objects.PathOf(states[1].ManifestHash)).Length;
        Assert.True(deltaSize * 20 < wholeSize, $"a 10-file change stored {deltaSize} bytes of manifest, the whole one is {wholeSize}");
        Assert.Equal(states.Count, states.Select(s => s.ManifestHash).Distinct().Count());

        // A new process reads each one back from the store alone, chains and all.
        using var fresh = Open();
        foreach (var state in states)
        {
            var read = fresh.LoadManifest(state.ManifestHash);
            Assert.Equal(Lines(state.Manifest), Lines(read));
        }

        await AssertAsWalkedAsync(states[^1]);

        // A later process walks first (the first one's stat index file lags behind: it is rewritten every 16 changed
        // checkpoints and on close, so some files are read again), then chains on top of what it stored.
        var walked = await ScanAsync(fresh);
        Assert.True(walked.Walked);
        Assert.Equal(Lines(states[^1].Manifest), Lines(walked.Manifest));
        Write("bulk/d3/f300.txt", "from the later process");
        var later = await ScanAsync(fresh);
        Assert.False(later.Walked);
        Assert.Equal([new FileChange("bulk/d3/f300.txt", FileChangeKind.Modified)], ManifestDiff.Between(walked.Manifest, later.Manifest));
        using var third = Open();
        Assert.Equal(Lines(later.Manifest), Lines(third.LoadManifest(later.ManifestHash)));
        Assert.Equal(third.Manifests.ChainOf(later.ManifestHash), third.LoadManifest(later.ManifestHash).Bases);
    }

    [Fact]
    public async Task The_sweep_keeps_the_manifests_a_kept_delta_is_built_on()
    {
        var session = await _store!.CreateSessionAsync(new SessionInfo { Id = "s", Workspace = Workspace }, CancellationToken.None);
        using var checkpoints = Open();
        await ScanAsync(checkpoints); // an unreferenced whole manifest, then referenced deltas on top of it
        Write("top.txt", "turn");
        var turn = await checkpoints.BeginTurnAsync(session.Id, Workspace, 0, CancellationToken.None);
        Write("src/a.txt", "after");
        await checkpoints.EndTurnAsync(turn!, 0, CancellationToken.None);
        await _store.CreateSessionAsync(new SessionInfo { Id = "gone", Workspace = Workspace }, CancellationToken.None);
        await checkpoints.BeginTurnAsync("gone", Workspace, 0, CancellationToken.None);
        await _store.DeleteSessionAsync("gone", CancellationToken.None);

        Assert.Equal(1, (await checkpoints.PruneAsync(CancellationToken.None)).Checkpoints);

        using var fresh = Open();
        var list = await fresh.ListAsync(session.Id, CancellationToken.None);
        Assert.Equal([new FileChange("src/a.txt", FileChangeKind.Modified)], list.Single().Files);
        await fresh.RewindAsync(session.Id, 1, force: false, CancellationToken.None);
        Assert.Equal("a", await File.ReadAllTextAsync(Path.Combine(Workspace, "src", "a.txt")));
    }

    private static IEnumerable<string> Lines(Manifest manifest) =>
        manifest.Entries.Select(e => $"{e.Kind} {e.Mode} {e.Size} {e.Content} {e.Path}");

    private async Task AssertAsWalkedAsync(ScanResult scan)
    {
        using var walker = Open(useJournal: false, home: Path.Combine(_root, $"walk-{Guid.NewGuid():N}"));
        var walked = await walker.ScanAsync(Workspace, CancellationToken.None);
        Assert.True(walked.Walked);
        Assert.Equal(Lines(walked.Manifest), Lines(scan.Manifest));
    }

    private Task<ScanResult> ScanAsync(WorkspaceCheckpoints checkpoints) => checkpoints.ScanAsync(Workspace, CancellationToken.None);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(Workspace, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private WorkspaceCheckpoints Open(bool useJournal = true, string? home = null) =>
        new(new CheckpointOptions
        {
            Root = Path.Combine(home ?? Path.Combine(_root, "home"), "checkpoints"),
            DatabasePath = _store!.DatabasePath,
            MaxAge = TimeSpan.Zero,
            SweepGrace = TimeSpan.Zero,
            UseJournal = useJournal,
        }, _store);
}

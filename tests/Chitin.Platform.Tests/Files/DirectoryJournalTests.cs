using Chitin.Platform.Files;

namespace Chitin.Platform.Tests.Files;

/// <summary>The inotify journal on real folders: events are there as soon as the write returned, no waiting.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DirectoryJournalTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("chitin-dirjournal-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_write_is_drained_right_after_it_returns_and_a_second_drain_finds_nothing()
    {
        using var journal = DirectoryJournal.TryOpen(out var reason);
        Assert.True(journal is not null, reason);
        var wd = journal.Watch(_root, out reason);
        Assert.True(wd >= 0, reason);
        Assert.Equal(wd, journal.Watch(_root, out _));

        File.WriteAllText(Path.Combine(_root, "a.txt"), "a");
        File.Move(Path.Combine(_root, "a.txt"), Path.Combine(_root, "b.txt"));
        var events = new List<DirectoryEvent>();

        Assert.True(journal.Drain(events));
        Assert.Contains(new DirectoryEvent(wd, "a.txt", false), events);
        Assert.Contains(new DirectoryEvent(wd, "b.txt", false), events);
        Assert.All(events, e => Assert.Equal(wd, e.Watch));

        events.Clear();
        Assert.True(journal.Drain(events));
        Assert.Empty(events);

        journal.Unwatch(wd);
        Assert.True(journal.Drain(events));
        Assert.Equal([new DirectoryEvent(wd, null, true)], events);
    }

    [Fact]
    public void A_subfolder_is_not_watched_with_its_parent_and_a_missing_folder_gives_a_reason()
    {
        using var journal = DirectoryJournal.TryOpen(out _)!;
        var wd = journal.Watch(_root, out _);
        var sub = Directory.CreateDirectory(Path.Combine(_root, "sub")).FullName;
        var events = new List<DirectoryEvent>();
        journal.Drain(events);
        Assert.Equal([new DirectoryEvent(wd, "sub", false)], events);

        File.WriteAllText(Path.Combine(sub, "inside.txt"), "x");
        events.Clear();
        Assert.True(journal.Drain(events));
        Assert.Empty(events);

        Assert.Equal(-1, journal.Watch(Path.Combine(_root, "missing"), out var reason));
        Assert.Contains("errno 2", reason, StringComparison.Ordinal);
    }
}

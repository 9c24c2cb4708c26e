using Chitin.Core.Sessions;
using Chitin.Integration.Tests.Support;
using Chitin.Storage.Checkpoints;
using Chitin.Testing.Scripting;

namespace Chitin.Integration.Tests;

/// <summary>
/// Per-turn checkpoints and rewind through the real loop: scripted model server over HTTP, write_file and run_shell
/// in the real bubblewrap sandbox, SQLite, and the content-addressed store.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CheckpointRewindTests
{
    private const string ShellTurn =
        "printf 'v3\\n' >> edit.txt && rm gone.txt && mkdir -p made/deeper && printf 'deep' > made/deeper/f.txt " +
        "&& chmod 600 keep.txt && head -c 4096 /dev/urandom > noise.bin && rm -r olddir && printf 'b' > bin.dat";

    [Fact]
    public async Task A_write_file_turn_and_a_shell_turn_rewind_to_a_byte_identical_workspace_and_leave_the_next_request()
    {
        await using var loop = await UndoLoop.StartAsync(
            ScriptStep.ToolCalls(
                new ScriptToolCall("write_file", """{"path":"edit.txt","content":"v2\n"}"""),
                new ScriptToolCall("write_file", """{"path":"src/created.txt","content":"new file\n"}""")),
            ScriptStep.Text("turn one done"),
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", $$"""{"command":"{{ShellTurn}}"}""")),
            ScriptStep.Text("turn two done"),
            ScriptStep.Text("fresh answer"));
        Seed(loop.Workspace);
        var before = WorkspaceSnapshot.Take(loop.Workspace);

        var first = await loop.TurnAsync("turn one: write files");
        var afterOne = WorkspaceSnapshot.Take(loop.Workspace);
        await loop.TurnAsync("turn two: shell edits", first.SessionId);
        Assert.Equal("v2\nv3\n", await File.ReadAllTextAsync(Path.Combine(loop.Workspace, "edit.txt")));
        Assert.False(File.Exists(Path.Combine(loop.Workspace, "gone.txt")));

        var list = await loop.Checkpoints.ListAsync(first.SessionId, CancellationToken.None);
        Assert.Equal(2, list.Count);
        Assert.Equal(["edit.txt ~", "src/created.txt +"], list[0].Files.Select(Describe));
        Assert.Equal(
            ["bin.dat ~", "edit.txt ~", "gone.txt -", "keep.txt ~", "made/deeper/f.txt +", "noise.bin +", "olddir/inner.txt -"],
            list[1].Files.Select(Describe));

        // The shell turn alone, then (the rewind counting as a turn) back past the first turn too.
        var all = await loop.Store.LoadMessagesAsync(first.SessionId, CancellationToken.None);
        var one = await loop.Checkpoints.RewindAsync(first.SessionId, 1, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(afterOne, WorkspaceSnapshot.Take(loop.Workspace));
        var partly = await loop.Store.LoadMessagesAsync(first.SessionId, CancellationToken.None);
        Assert.False(partly.Single(m => m.Text == "turn one: write files").Rewound);
        Assert.True(partly.Single(m => m.Text == "turn two: shell edits").Rewound);
        Assert.Equal(partly.Count(m => m.Rewound), one.MessagesRewound);
        var rewind = await loop.Checkpoints.RewindAsync(first.SessionId, 2, force: false, CancellationToken.None);

        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));
        Assert.Equal(2, rewind.Turns);
        Assert.Equal(all.Count, one.MessagesRewound + rewind.MessagesRewound);

        // The transcript keeps the rewound turns, marked; the next request no longer contains them.
        var transcript = await loop.Store.LoadMessagesAsync(first.SessionId, CancellationToken.None);
        Assert.All(transcript, m => Assert.True(m.Rewound));
        Assert.Contains(transcript, m => m.Text == "turn two: shell edits");
        await loop.TurnAsync("after the rewind", first.SessionId);
        var sent = loop.Server.Requests[^1].Parsed!.Messages;
        Assert.DoesNotContain(sent, m => m.Text.Contains("turn one", StringComparison.Ordinal) || m.Text.Contains("turn two", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.Role == ScriptRole.User && m.Text == "after the rewind");
        Assert.DoesNotContain(sent, m => m.ToolResults.Count > 0);
    }

    [Fact]
    public async Task A_rewind_is_undone_by_rewinding_it_files_and_conversation_alike()
    {
        await using var loop = await UndoLoop.StartAsync(
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"printf 'agent' > edit.txt && printf 'x' > extra.txt && rm gone.txt"}""")),
            ScriptStep.Text("edited"),
            ScriptStep.Text("still here"));
        Seed(loop.Workspace);
        var before = WorkspaceSnapshot.Take(loop.Workspace);
        var run = await loop.TurnAsync("edit it");
        var after = WorkspaceSnapshot.Take(loop.Workspace);

        await loop.Checkpoints.RewindAsync(run.SessionId, 1, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));

        var undo = await loop.Checkpoints.RewindAsync(run.SessionId, 1, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(after, WorkspaceSnapshot.Take(loop.Workspace));
        Assert.True(undo.MessagesRestored >= 4, $"{undo.MessagesRestored} restored");
        Assert.All(await loop.Store.LoadMessagesAsync(run.SessionId, CancellationToken.None), m => Assert.False(m.Rewound));

        var list = await loop.Checkpoints.ListAsync(run.SessionId, CancellationToken.None);
        Assert.Equal([CheckpointKind.Turn, CheckpointKind.Rewind, CheckpointKind.Rewind], list.Select(v => v.Record.Kind));
        Assert.True(list[0].Record.IsActive);
        Assert.False(list[1].Record.IsActive);
        Assert.False(list[2].Record.IsActive);

        // The turn is back in the conversation the model sees.
        await loop.TurnAsync("next", run.SessionId);
        Assert.Contains(loop.Server.Requests[^1].Parsed!.Messages, m => m.Text == "edit it");

        // And the turn can be rewound again.
        await loop.Checkpoints.RewindAsync(run.SessionId, 2, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));
    }

    [Fact]
    public async Task A_file_the_user_changed_since_the_checkpoint_stops_the_rewind_until_forced()
    {
        await using var loop = await UndoLoop.StartAsync(
            ScriptStep.ToolCalls(new ScriptToolCall("write_file", """{"path":"edit.txt","content":"agent\n"}"""), new ScriptToolCall("write_file", """{"path":"keep.txt","content":"agent keep\n"}""")),
            ScriptStep.Text("done"));
        Seed(loop.Workspace);
        var before = WorkspaceSnapshot.Take(loop.Workspace);
        var run = await loop.TurnAsync("change two files");
        await File.WriteAllTextAsync(Path.Combine(loop.Workspace, "edit.txt"), "the user's own edit\n");
        var edited = WorkspaceSnapshot.Take(loop.Workspace);

        var conflict = await Assert.ThrowsAsync<RewindConflictException>(() => loop.Checkpoints.RewindAsync(run.SessionId, 1, force: false, CancellationToken.None));

        Assert.Equal(["edit.txt"], conflict.Paths);
        Assert.Contains("edit.txt", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("--force", conflict.Message, StringComparison.Ordinal);
        WorkspaceSnapshot.Equal(edited, WorkspaceSnapshot.Take(loop.Workspace));
        Assert.All(await loop.Store.LoadMessagesAsync(run.SessionId, CancellationToken.None), m => Assert.False(m.Rewound));

        await loop.Checkpoints.RewindAsync(run.SessionId, 1, force: true, CancellationToken.None);
        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));
    }

    [Fact]
    public async Task A_ten_thousand_file_workspace_is_checkpointed_and_rewound_exactly()
    {
        await using var loop = await UndoLoop.StartAsync(
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", """{"command":"for i in 0 1 2 3 4 5 6 7 8 9; do printf 'changed' >> d0/f$i.txt; done && rm d50/f5000.txt && printf 'n' > d99/new.txt"}""")),
            ScriptStep.Text("changed ten"),
            ScriptStep.Text("read only"));
        for (var i = 0; i < 10_000; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(loop.Workspace, $"d{i / 100}")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, $"f{i}.txt"), $"file {i}\n");
        }

        var before = WorkspaceSnapshot.Take(loop.Workspace);
        var run = await loop.TurnAsync("touch ten files");
        var list = await loop.Checkpoints.ListAsync(run.SessionId, CancellationToken.None);
        Assert.Equal(12, list.Single().Files.Count);

        // A turn that changes nothing stores nothing, and reads at most the files written within the clock's
        // granularity of the last checkpoint (the turn's own writes), never the other 10,000.
        var quiet = await loop.Checkpoints.ScanAsync(loop.Workspace, CancellationToken.None);
        Assert.Equal(0, quiet.BytesStored);
        Assert.InRange(quiet.FilesHashed, 0, 12);
        var odd = quiet.Manifest.Entries.Select(e => e.Path).Where(p => !System.Text.RegularExpressions.Regex.IsMatch(p, @"^d\d+(/|$)")).ToList();
        Assert.True(odd.Count == 0, string.Join(", ", odd));
        Assert.Equal(10_000 + 100, quiet.Manifest.Entries.Count);

        await loop.Checkpoints.RewindAsync(run.SessionId, 1, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));
    }

    [Fact]
    public async Task Shell_writes_inside_the_sandbox_reach_the_change_journal_and_no_checkpoint_after_the_first_walks()
    {
        const string Shell =
            "printf 'v2' >> edit.txt && mkdir -p made/deep && printf 'm' > made/deep/m.txt && mv olddir renamed " +
            "&& printf 'r' > renamed/added.txt && rm gone.txt && chmod 700 keep.txt && mkdir doomed && rmdir doomed";
        await using var loop = await UndoLoop.StartAsync(
            ScriptStep.ToolCalls(new ScriptToolCall("run_shell", $$"""{"command":"{{Shell}}"}""")),
            ScriptStep.Text("shell done"));
        Seed(loop.Workspace);
        var before = WorkspaceSnapshot.Take(loop.Workspace);

        var run = await loop.TurnAsync("shell edits in the sandbox");

        Assert.Null(loop.Checkpoints.JournalOff(loop.Workspace));
        Assert.Equal((1, 1), loop.Checkpoints.ScanCounts(loop.Workspace));
        var list = await loop.Checkpoints.ListAsync(run.SessionId, CancellationToken.None);
        Assert.Equal(
            ["edit.txt ~", "gone.txt -", "keep.txt ~", "made/deep/m.txt +", "olddir/inner.txt -", "renamed/added.txt +", "renamed/inner.txt +"],
            list.Single().Files.Select(Describe));

        // What the journal recorded is what a full walk of the workspace records.
        using var walker = new WorkspaceCheckpoints(
            new CheckpointOptions { Root = Path.Combine(loop.Root, "walker"), DatabasePath = loop.Store.DatabasePath, UseJournal = false },
            loop.Store);
        var walked = await walker.ScanAsync(loop.Workspace, CancellationToken.None);
        var journaled = await loop.Checkpoints.ScanAsync(loop.Workspace, CancellationToken.None);
        Assert.False(journaled.Walked);
        Assert.Equal(walked.Manifest.Entries, journaled.Manifest.Entries);

        await loop.Checkpoints.RewindAsync(run.SessionId, 1, force: false, CancellationToken.None);
        WorkspaceSnapshot.Equal(before, WorkspaceSnapshot.Take(loop.Workspace));
        Assert.Equal(1, loop.Checkpoints.ScanCounts(loop.Workspace).Walks);
    }

    private static string Describe(FileChange c) => $"{c.Path} {c.Kind switch { FileChangeKind.Created => "+", FileChangeKind.Deleted => "-", _ => "~" }}";

    private static void Seed(string workspace)
    {
        File.WriteAllText(Path.Combine(workspace, "keep.txt"), "keep\n");
        File.WriteAllText(Path.Combine(workspace, "edit.txt"), "v1\n");
        File.WriteAllText(Path.Combine(workspace, "gone.txt"), "bye\n");
        File.WriteAllBytes(Path.Combine(workspace, "bin.dat"), [0, 1, 2, 0, 255, 254, 0, 7]);
        Directory.CreateDirectory(Path.Combine(workspace, "olddir"));
        File.WriteAllText(Path.Combine(workspace, "olddir", "inner.txt"), "inner\n");
        var tool = Path.Combine(workspace, "tool.sh");
        File.WriteAllText(tool, "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.CreateSymbolicLink(Path.Combine(workspace, "link-to-keep"), "keep.txt");
    }
}

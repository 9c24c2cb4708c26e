using Chitin.Core.Sessions;
using Chitin.Storage.Sqlite;

namespace Chitin.Storage.Tests.Sqlite;

public sealed class SessionStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Session_round_trips_every_field()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        var session = NewSession("s-1") with
        {
            Title = "Résumé 🦞 — 日本語 \"quoted\" 'single'",
            Agent = "coder",
            Model = "gpt-5-mini",
            Workspace = "/home/u/my project/ünï",
            Status = SessionStatus.Running,
            CreatedAt = new DateTimeOffset(2026, 3, 1, 12, 30, 15, TimeSpan.FromHours(2)).AddTicks(1_234_567),
            UpdatedAt = new DateTimeOffset(2026, 3, 1, 12, 31, 0, TimeSpan.FromHours(2)).AddTicks(7),
        };

        var created = await store.CreateSessionAsync(session, CancellationToken.None);
        var loaded = await store.GetSessionAsync("s-1", CancellationToken.None);

        Assert.Equal(session, created);
        Assert.Equal(session, loaded);
        Assert.Equal(session.CreatedAt.UtcTicks, loaded!.CreatedAt.UtcTicks);
        Assert.Equal(session.UpdatedAt.UtcTicks, loaded.UpdatedAt.UtcTicks);
        Assert.Null(await store.GetSessionAsync("missing", CancellationToken.None));
    }

    [Fact]
    public async Task Missing_timestamps_are_stamped_from_the_clock()
    {
        using var temp = new TempDatabase();
        var clock = new ManualTimeProvider(T0);
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, clock, CancellationToken.None);

        var created = await store.CreateSessionAsync(new SessionInfo { Id = "s" }, CancellationToken.None);
        var message = await store.AppendMessageAsync("s", new SessionMessage { Role = MessageRole.User, Text = "hi" }, CancellationToken.None);

        Assert.Equal(T0, created.CreatedAt);
        Assert.Equal(T0, created.UpdatedAt);
        Assert.Equal(T0, message.CreatedAt);
        Assert.Equal(T0, (await store.LoadMessagesAsync("s", CancellationToken.None))[0].CreatedAt);
    }

    [Fact]
    public async Task Creating_a_duplicate_session_fails_clearly_and_keeps_the_original()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("dup") with { Title = "first" }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StorageException>(
            () => store.CreateSessionAsync(NewSession("dup") with { Title = "second" }, CancellationToken.None));

        Assert.Equal(StorageErrorKind.SessionExists, error.Kind);
        Assert.Contains("dup", error.Message, StringComparison.Ordinal);
        Assert.Equal("first", (await store.GetSessionAsync("dup", CancellationToken.None))!.Title);
    }

    [Fact]
    public async Task Messages_round_trip_every_field_including_odd_tool_call_json()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("s"), CancellationToken.None);
        ToolCallRecord[] calls =
        [
            new("call_1", "read_file", """{"path":"a\"b\\c\/d","emoji":"🦞","nested":{"x":[1,2.5e3,{"y":null}]},"nl":"line1\nline2"}"""),
            new("call_2", "shell", """{"cmd": "echo 'unterminated"""),
            new("call_日本", "empty_args", ""),
            new("call_4", "whitespace", "  {\r\n\t\"a\" :  1 }  "),
            new("call_5", "nul_and_surrogates", "{\"s\":\"\\u0000 \u00e9 𝄞\"}"),
        ];
        SessionMessage[] messages =
        [
            new() { Role = MessageRole.System, Text = "You are Chitin.", CreatedAt = T0 },
            new() { Role = MessageRole.User, Text = "Résumé 🦞 日本語\ttab\r\nnewline \"q\" \\ backslash", CreatedAt = T0.AddTicks(1) },
            new() { Role = MessageRole.Assistant, Text = null, ToolCalls = calls, Step = 1, CreatedAt = T0.AddSeconds(1).AddTicks(9_999_999) },
            new()
            {
                Role = MessageRole.Tool, Text = "boom: file not found", ToolCallId = "call_1", ToolName = "read_file", IsError = true, Step = 1,
                CreatedAt = new DateTimeOffset(2026, 3, 1, 5, 0, 2, TimeSpan.FromHours(-5)),
            },
            new() { Role = MessageRole.Assistant, Text = "", ToolCalls = [], Step = int.MaxValue, CreatedAt = T0.AddSeconds(3) },
        ];

        var appended = new List<SessionMessage>();
        foreach (var m in messages)
        {
            appended.Add(await store.AppendMessageAsync("s", m, CancellationToken.None));
        }

        var loaded = await store.LoadMessagesAsync("s", CancellationToken.None);

        Assert.Equal(messages.Length, loaded.Count);
        for (var i = 0; i < messages.Length; i++)
        {
            var expected = messages[i] with { Sequence = i + 1 };
            AssertSameMessage(expected, appended[i]);
            AssertSameMessage(expected, loaded[i]);
        }

        Assert.Equal(calls, loaded[2].ToolCalls);
        Assert.Null(loaded[0].ToolCalls);
        Assert.NotNull(loaded[4].ToolCalls);
        Assert.Empty(loaded[4].ToolCalls!);
        Assert.Equal("", loaded[4].Text);
    }

    [Fact]
    public async Task Appending_to_a_missing_session_fails_clearly_and_writes_nothing()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StorageException>(
            () => store.AppendMessageAsync("ghost", SessionMessage.User("hi", T0), CancellationToken.None));

        Assert.Equal(StorageErrorKind.SessionNotFound, error.Kind);
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains(temp.Path, error.Message, StringComparison.Ordinal);
        Assert.Empty(await store.LoadMessagesAsync("ghost", CancellationToken.None));
    }

    [Fact]
    public async Task Two_hundred_concurrent_appends_get_sequence_numbers_without_gaps_or_duplicates()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("s"), CancellationToken.None);

        var appended = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(
            () => store.AppendMessageAsync(
                "s",
                new SessionMessage { Role = MessageRole.Tool, Text = $"result {i}", ToolCallId = $"call_{i}", CreatedAt = T0 },
                CancellationToken.None))));
        var loaded = await store.LoadMessagesAsync("s", CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), appended.Select(m => m.Sequence).Order());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), loaded.Select(m => m.Sequence));
        Assert.Equal(200, loaded.Select(m => m.Text).Distinct().Count());
        var bySequence = loaded.ToDictionary(m => m.Sequence, m => m.Text);
        Assert.All(appended, m => Assert.Equal(m.Text, bySequence[m.Sequence]));
        Assert.Equal(200, (await store.GetSessionAsync("s", CancellationToken.None))!.MessageCount);
    }

    [Fact]
    public async Task Sequences_are_per_session()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("a"), CancellationToken.None);
        await store.CreateSessionAsync(NewSession("b"), CancellationToken.None);

        await store.AppendMessageAsync("a", SessionMessage.User("a1", T0), CancellationToken.None);
        await store.AppendMessageAsync("a", SessionMessage.User("a2", T0), CancellationToken.None);
        var b1 = await store.AppendMessageAsync("b", SessionMessage.User("b1", T0), CancellationToken.None);
        var a3 = await store.AppendMessageAsync("a", SessionMessage.User("a3", T0), CancellationToken.None);

        Assert.Equal(1, b1.Sequence);
        Assert.Equal(3, a3.Sequence);
    }

    [Fact]
    public async Task Sessions_are_listed_most_recently_updated_first_with_message_counts()
    {
        using var temp = new TempDatabase();
        var clock = new ManualTimeProvider(T0);
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, clock, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("old") with { CreatedAt = T0, UpdatedAt = T0 }, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("mid") with { CreatedAt = T0, UpdatedAt = T0.AddMinutes(1) }, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("new") with { CreatedAt = T0, UpdatedAt = T0.AddMinutes(2) }, CancellationToken.None);

        Assert.Equal(["new", "mid", "old"], (await store.ListSessionsAsync(10, CancellationToken.None)).Select(s => s.Id));

        // A message bumps its session to the top.
        await store.AppendMessageAsync("old", SessionMessage.User("one", T0.AddMinutes(3)), CancellationToken.None);
        await store.AppendMessageAsync("old", SessionMessage.User("two", T0.AddMinutes(3)), CancellationToken.None);
        var listed = await store.ListSessionsAsync(10, CancellationToken.None);
        Assert.Equal(["old", "new", "mid"], listed.Select(s => s.Id));
        Assert.Equal([2L, 0L, 0L], listed.Select(s => s.MessageCount));
        Assert.Equal(T0.AddMinutes(3), listed[0].UpdatedAt);

        // A message stamped earlier than the session's last update does not move it back in time.
        await store.AppendMessageAsync("mid", SessionMessage.User("late arrival", T0), CancellationToken.None);
        Assert.Equal(T0.AddMinutes(1), (await store.GetSessionAsync("mid", CancellationToken.None))!.UpdatedAt);

        // A status change counts as an update (stamped by the store's clock).
        clock.Now = T0.AddMinutes(10);
        await store.UpdateSessionAsync("mid", SessionStatus.Done, null, CancellationToken.None);
        Assert.Equal(["mid", "old"], (await store.ListSessionsAsync(2, CancellationToken.None)).Select(s => s.Id));
        Assert.Empty(await store.ListSessionsAsync(0, CancellationToken.None));
    }

    [Fact]
    public async Task Update_sets_status_and_model_only_when_given()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("s") with { Model = "gpt-5", Status = SessionStatus.Idle }, CancellationToken.None);

        await store.UpdateSessionAsync("s", SessionStatus.Running, null, CancellationToken.None);
        var running = await store.GetSessionAsync("s", CancellationToken.None);
        await store.UpdateSessionAsync("s", SessionStatus.Failed, "claude-sonnet-4", CancellationToken.None);
        var failed = await store.GetSessionAsync("s", CancellationToken.None);

        Assert.Equal((SessionStatus.Running, "gpt-5"), (running!.Status, running.Model));
        Assert.Equal((SessionStatus.Failed, "claude-sonnet-4"), (failed!.Status, failed.Model));
        var error = await Assert.ThrowsAsync<StorageException>(
            () => store.UpdateSessionAsync("ghost", SessionStatus.Done, null, CancellationToken.None));
        Assert.Equal(StorageErrorKind.SessionNotFound, error.Kind);
    }

    [Theory]
    [InlineData(SessionStatus.Running)]
    [InlineData(SessionStatus.Idle)]
    [InlineData(SessionStatus.Done)]
    [InlineData(SessionStatus.Failed)]
    [InlineData(SessionStatus.Cancelled)]
    public async Task Every_status_round_trips(SessionStatus status)
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("s"), CancellationToken.None);

        await store.UpdateSessionAsync("s", status, null, CancellationToken.None);

        Assert.Equal(status, (await store.GetSessionAsync("s", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Cancelled_call_writes_nothing()
    {
        using var temp = new TempDatabase();
        await using var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.CreateSessionAsync(NewSession("s"), CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.AppendMessageAsync("s", SessionMessage.User("never", T0), cancelled.Token));

        Assert.Empty(await store.LoadMessagesAsync("s", CancellationToken.None));
    }

    [Fact]
    public async Task Calls_after_dispose_throw_ObjectDisposedException()
    {
        using var temp = new TempDatabase();
        var store = await SqliteChitinStore.OpenAsync(temp.Path, CancellationToken.None);
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ListSessionsAsync(10, CancellationToken.None));
    }

    internal static SessionInfo NewSession(string id) => new()
    {
        Id = id,
        Title = $"title of {id}",
        Workspace = "/work",
        CreatedAt = T0,
        UpdatedAt = T0,
    };

    private static void AssertSameMessage(SessionMessage expected, SessionMessage actual)
    {
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.Role, actual.Role);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.ToolCalls, actual.ToolCalls);
        Assert.Equal(expected.ToolCallId, actual.ToolCallId);
        Assert.Equal(expected.ToolName, actual.ToolName);
        Assert.Equal(expected.IsError, actual.IsError);
        Assert.Equal(expected.Step, actual.Step);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
    }
}

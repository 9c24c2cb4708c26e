using Chitin.Core.Sessions;
using Chitin.Memory.Capture;
using Chitin.Memory.Storage;
using Chitin.Memory.Tests.Loop;
using Chitin.Storage.Sqlite;
using Microsoft.Extensions.AI;

namespace Chitin.Memory.Tests.Capture;

/// <summary>Real stores on one temp SQLite file, and sessions filled with messages, for capture tests.</summary>
internal sealed class CaptureStores : IAsyncDisposable
{
    private readonly TestFolder _folder;

    private CaptureStores(TestFolder folder, SqliteChitinStore sessions, SqliteMemoryStore memory, SqliteCaptureMarks marks)
    {
        _folder = folder;
        Sessions = sessions;
        Memory = memory;
        Marks = marks;
        Workspace = folder.Sub("workspace");
    }

    public SqliteChitinStore Sessions { get; }

    public SqliteMemoryStore Memory { get; }

    public SqliteCaptureMarks Marks { get; }

    public string Workspace { get; }

    public static async Task<CaptureStores> OpenAsync()
    {
        var folder = new TestFolder();
        var sessions = await SqliteChitinStore.OpenAsync(folder.DatabasePath, CancellationToken.None);
        var memory = await SqliteMemoryStore.OpenAsync(folder.DatabasePath, new MemoryStoreOptions(), CancellationToken.None);
        var marks = await SqliteCaptureMarks.OpenAsync(folder.DatabasePath, CancellationToken.None);
        return new CaptureStores(folder, sessions, memory, marks);
    }

    public MemoryCapture Capture(IChatClient chat, MemoryCaptureOptions? options = null) =>
        new(Memory, Sessions, Sessions, chat, (options ?? Options()) with { Marks = Marks });

    public static MemoryCaptureOptions Options() => new() { Model = "scripted-model", ProviderName = "scripted" };

    public async Task<string> NewSessionAsync(params (MessageRole Role, string Text)[] messages)
    {
        var now = DateTimeOffset.UtcNow;
        var session = await Sessions.CreateSessionAsync(
            new SessionInfo { Id = SessionIds.New(now), Agent = "default", Workspace = Workspace, CreatedAt = now, UpdatedAt = now },
            CancellationToken.None);
        await AppendAsync(session.Id, messages);
        return session.Id;
    }

    public async Task AppendAsync(string sessionId, params (MessageRole Role, string Text)[] messages)
    {
        foreach (var (role, text) in messages)
        {
            await Sessions.AppendMessageAsync(
                sessionId,
                role == MessageRole.Tool
                    ? new SessionMessage { Role = role, Text = text, ToolCallId = "call_1", ToolName = "read_file", CreatedAt = DateTimeOffset.UtcNow }
                    : new SessionMessage { Role = role, Text = text, CreatedAt = DateTimeOffset.UtcNow },
                CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Marks.Dispose();
        await Memory.DisposeAsync();
        await Sessions.DisposeAsync();
        _folder.Dispose();
    }
}

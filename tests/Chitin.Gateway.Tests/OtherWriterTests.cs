using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Chitin.Core.Sessions;
using Chitin.Gateway.Storage;
using Chitin.Storage.Sqlite;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;

namespace Chitin.Gateway.Tests;

/// <summary>
/// The session grain keeps its transcript in memory between turns; another writer on chitin.db (a CLI
/// <c>sessions rewind</c> or <c>compact</c>, on its own connection) must be seen by the grain's very next turn.
/// </summary>
public sealed class OtherWriterTests
{
    [Fact]
    public async Task A_rewind_and_an_append_by_another_connection_are_seen_by_the_next_turn()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromResponder(r => ScriptStep.Text("answer to " + r.LastUserText)));
        Assert.Equal("answer to one", await AskAsync(f, "one"));
        Assert.Equal("answer to two", await AskAsync(f, "two"));

        var database = Path.Combine(f.Home, "chitin.db");
        string sessionId;
        using (var gateway = new GatewayStore(database, TimeProvider.System))
        {
            sessionId = (await gateway.FindSessionAsync("api:erin", CancellationToken.None))!;
        }

        await using (var other = await SqliteChitinStore.OpenAsync(database, CancellationToken.None))
        {
            // What `chitin sessions rewind` does: the second exchange stays stored, marked rewound.
            var messages = await other.LoadMessagesAsync(sessionId, CancellationToken.None);
            var two = messages.Single(m => m.Role == MessageRole.User && m.Text == "two").Sequence;
            Assert.Equal(2, await other.SetRewoundAsync(sessionId, two, messages[^1].Sequence, rewound: true, CancellationToken.None));
        }

        Assert.Equal("answer to three", await AskAsync(f, "three"));
        var third = Conversation(f.Model.Requests[^1]);
        Assert.Equal(["user:one", "assistant:answer to one", "user:three"], third);

        await using (var other = await SqliteChitinStore.OpenAsync(database, CancellationToken.None))
        {
            await other.AppendMessageAsync(sessionId, SessionMessage.User("a note added by another process", DateTimeOffset.UtcNow), CancellationToken.None);
        }

        Assert.Equal("answer to four", await AskAsync(f, "four"));
        var fourth = Conversation(f.Model.Requests[^1]);
        Assert.Equal(["user:one", "assistant:answer to one", "user:three", "assistant:answer to three", "user:a note added by another process", "user:four"], fourth);
    }

    [Fact]
    public async Task Turns_without_another_writer_keep_sending_what_a_reload_would_send()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromResponder(r => ScriptStep.Text("answer to " + r.LastUserText)));
        foreach (var text in new[] { "one", "two", "three" })
        {
            Assert.Equal("answer to " + text, await AskAsync(f, text));
        }

        Assert.Equal(["user:one", "assistant:answer to one", "user:two", "assistant:answer to two", "user:three"], Conversation(f.Model.Requests[^1]));
    }

    private static List<string> Conversation(RecordedRequest request) =>
        request.Parsed!.Messages.Where(m => m.Role != ScriptRole.System).Select(m => $"{m.Role.ToString().ToLowerInvariant()}:{m.Text}").ToList();

    private static async Task<string> AskAsync(GatewayFixture f, string text)
    {
        using var content = new StringContent($$"""{"model":"chitin","user":"erin","messages":[{"role":"user","content":"{{text}}"}]}""", Encoding.UTF8, "application/json");
        using var response = await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}

using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using Chitin.Testing.Scripting;
using OpenAI;
using OpenAI.Chat;

namespace Chitin.Gateway.Tests;

public sealed class OpenAiApiTests
{
    private static ChatClient OfficialClient(GatewayFixture f) =>
        new("chitin", new ApiKeyCredential(f.Gateway.Token!), new OpenAIClientOptions { Endpoint = new Uri(f.Gateway.Address, "/v1") });

    [Fact]
    public async Task The_official_client_streams_the_scripted_text()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("The answer is forty-two, streamed in several chunks.")));
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in OfficialClient(f).CompleteChatStreamingAsync([new UserChatMessage("What is the answer?")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("The answer is forty-two, streamed in several chunks.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.Equal("What is the answer?", Assert.Single(f.Model.Requests).Parsed!.LastUserText);
    }

    [Fact]
    public async Task A_streamed_completion_ends_with_done()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("streamed text")));
        using var content = new StringContent("""{"model":"chitin","stream":true,"messages":[{"role":"user","content":"hello"}]}""", Encoding.UTF8, "application/json");
        var response = await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("data: [DONE]", events[^1]);
        var streamed = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement)
            .Select(chunk => chunk.GetProperty("choices")[0].GetProperty("delta"))
            .Select(delta => delta.TryGetProperty("content", out var c) ? c.GetString() : ""));
        Assert.Equal("streamed text", streamed);
    }

    [Fact]
    public async Task The_user_field_keeps_one_session_and_only_the_last_user_message_is_new()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("Nice to meet you, Ada."), ScriptStep.Text("Your name is Ada.")));
        var client = OfficialClient(f);
        var options = new ChatCompletionOptions { EndUserId = "ada" };

        var first = await client.CompleteChatAsync([new UserChatMessage("My name is Ada.")], options);
        Assert.Equal("Nice to meet you, Ada.", first.Value.Content[0].Text);

        // A client that resends the history: the session already holds it, so it is not repeated to the model.
        var second = await client.CompleteChatAsync([new UserChatMessage("My name is Ada."), new AssistantChatMessage("Nice to meet you, Ada."), new UserChatMessage("What is my name?")], options);
        Assert.Equal("Your name is Ada.", second.Value.Content[0].Text);
        Assert.True(second.Value.Usage.InputTokenCount > 0);

        var secondRequest = f.Model.Requests[1].Parsed!;
        var userTexts = secondRequest.Messages.Where(m => m.Role == ScriptRole.User).Select(m => m.Text).ToList();
        Assert.Equal(["My name is Ada.", "What is my name?"], userTexts);
        Assert.Contains(secondRequest.Messages, m => m.Role == ScriptRole.Assistant && m.Text == "Nice to meet you, Ada.");

        var sessions = JsonDocument.Parse(await f.Client.GetStringAsync(new Uri("/api/sessions", UriKind.Relative))).RootElement.GetProperty("sessions");
        Assert.Equal("api:ada", Assert.Single(sessions.EnumerateArray()).GetProperty("key").GetString());
    }

    [Fact]
    public async Task Requests_without_a_session_name_start_separate_sessions()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("one"), ScriptStep.Text("two")));
        var client = OfficialClient(f);
        await client.CompleteChatAsync([new UserChatMessage("first")]);
        await client.CompleteChatAsync([new UserChatMessage("second")]);
        Assert.Single(f.Model.Requests[1].Parsed!.Messages, m => m.Role == ScriptRole.User);
    }

    [Fact]
    public async Task Models_lists_chitin_and_an_unknown_model_is_404()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
        var models = await new OpenAIClient(new ApiKeyCredential(f.Gateway.Token!), new OpenAIClientOptions { Endpoint = new Uri(f.Gateway.Address, "/v1") })
            .GetOpenAIModelClient().GetModelsAsync();
        Assert.Equal("chitin", Assert.Single(models.Value).Id);

        var unknown = await Assert.ThrowsAsync<ClientResultException>(() =>
            new ChatClient("gpt-unknown", new ApiKeyCredential(f.Gateway.Token!), new OpenAIClientOptions { Endpoint = new Uri(f.Gateway.Address, "/v1") })
                .CompleteChatAsync([new UserChatMessage("hi")]));
        Assert.Equal(404, unknown.Status);
        Assert.Empty(f.Model.Requests);
    }

    [Fact]
    public async Task A_request_without_a_user_message_is_a_clear_400()
    {
        await using var f = await GatewayFixture.StartAsync(ModelScript.FromSteps(ScriptStep.Text("hi")));
        using var content = new StringContent("""{"model":"chitin","messages":[{"role":"system","content":"be brief"}]}""", Encoding.UTF8, "application/json");
        var response = await f.Client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no user message", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

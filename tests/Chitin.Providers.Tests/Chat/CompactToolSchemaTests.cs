using System.Text.Json;
using Chitin.Providers.Chat;
using Chitin.Providers.Tests.Support;
using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Microsoft.Extensions.AI;

namespace Chitin.Providers.Tests.Chat;

public sealed class CompactToolSchemaTests
{
    private const string Schema = """{"type":"object","properties":{"path":{"type":"string","description":"File, e.g. \"a.txt\" — relative"},"limit":{"type":"integer"}},"required":["path"]}""";

    [Fact]
    public async Task Tool_schemas_go_to_OpenAI_compatible_servers_as_compact_json_with_tool_choice_and_parallel_calls()
    {
        await using var server = await ScriptedModelServer.StartAsync(ModelScript.FromSteps(
            ScriptStep.ToolCalls(new ScriptToolCall("read_file", """{"path":"a.txt"}""")), ScriptStep.Text("two")));
        using IChatClient client = ChatClientFactory.Create(ProviderTestKit.Settings(server, WireFormat.OpenAI));
        using var deadline = ProviderTestKit.Deadline();
        var declaration = AIFunctionFactory.CreateDeclaration("read_file", "Read a file.", JsonDocument.Parse(Schema).RootElement);
        var options = new ChatOptions { Tools = [declaration], ToolMode = ChatToolMode.Auto, AllowMultipleToolCalls = true };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Read a.txt")], options, deadline.Token);
        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Again")], new ChatOptions { Tools = [declaration], ToolMode = ChatToolMode.RequireSpecific("read_file") }, deadline.Token);

        var call = Assert.IsType<FunctionCallContent>(response.Messages.SelectMany(m => m.Contents).Single(c => c is FunctionCallContent));
        Assert.Equal("read_file", call.Name);
        Assert.Equal("a.txt", call.Arguments!["path"]!.ToString());
        using var body = JsonDocument.Parse(server.Requests[0].Body);
        var tool = body.RootElement.GetProperty("tools").EnumerateArray().Single().GetProperty("function");
        Assert.Equal("read_file", tool.GetProperty("name").GetString());
        Assert.Equal("Read a file.", tool.GetProperty("description").GetString());
        Assert.Equal(Schema, tool.GetProperty("parameters").GetRawText());
        Assert.Equal("auto", body.RootElement.GetProperty("tool_choice").GetString());
        Assert.True(body.RootElement.GetProperty("parallel_tool_calls").GetBoolean());
        Assert.Equal(["read_file"], server.Requests[0].Parsed!.ToolNames);
        using var second = JsonDocument.Parse(server.Requests[1].Body);
        Assert.Equal("read_file", second.RootElement.GetProperty("tool_choice").GetProperty("function").GetProperty("name").GetString());
    }
}

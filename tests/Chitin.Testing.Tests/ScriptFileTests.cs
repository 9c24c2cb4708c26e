using Chitin.Testing.Scripting;
using Chitin.Testing.Server;
using Chitin.Testing.Tests.Support;

namespace Chitin.Testing.Tests;

public sealed class ScriptFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("chitin-script-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_valid_file_drives_the_server()
    {
        var path = Write("good.json", """
            {
              // comments and trailing commas are fine
              "model": "demo-model",
              "steps": [
                {"text": "Let me look.", "tool_calls": [{"name": "run_shell", "arguments": {"command": "ls"}}]},
                {"tool_calls": [{"name": "read_file", "arguments": "{\"path\":\"a.txt\"}", "id": "call_given"}]},
                {"text": "All done.", "reasoning_tokens": 12},
                {"error": {"status": 503, "message": "overloaded"}},
              ]
            }
            """);

        var script = ModelScript.LoadFile(path);
        await using var server = await ScriptedModelServer.StartAsync(script);

        Assert.Equal("demo-model", script.Model);
        Assert.Equal(4, script.StepCount);
        Assert.Equal(["demo-model"], server.Models);
        var results = new List<System.Text.Json.JsonElement>();
        for (var i = 0; i < 4; i++)
        {
            var body = Raw.OpenAIRequest(stream: false, Raw.User("go"));
            body["model"] = "demo-model";
            using var response = await Raw.PostOpenAIAsync(server.BaseUrl, body);
            results.Add(await Raw.JsonAsync(response));
        }

        var first = results[0].GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("Let me look.", first.GetProperty("content").GetString());
        Assert.Equal("run_shell", first.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"command":"ls"}""", first.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("call_given", results[1].GetProperty("choices")[0].GetProperty("message").GetProperty("tool_calls")[0].GetProperty("id").GetString());
        Assert.Equal(12, results[2].GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal("overloaded", results[3].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(503, server.Requests[3].StatusCode);
    }

    [Fact]
    public void A_syntax_error_names_the_file_and_the_line()
    {
        var path = Write("broken.json", "{\n  \"steps\": [\n    {\"text\": \"hi\"\n  ]\n}");

        var error = Assert.Throws<InvalidDataException>(() => ModelScript.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_property_is_named_with_the_expected_shape()
    {
        var path = Write("typo.json", """{"steps":[{"text":"a"},{"tool_call":[{"name":"x"}]}]}""");

        var error = Assert.Throws<InvalidDataException>(() => ModelScript.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'tool_call'", error.Message, StringComparison.Ordinal);
        Assert.Contains("$.steps[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"tool_calls\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"m"}""", "\"steps\" is missing")]
    [InlineData("""{"steps":[]}""", "\"steps\" is empty")]
    [InlineData("""{"steps":[{"text":"a"},{}]}""", "steps[1] is empty")]
    [InlineData("""{"steps":[{"text":"a","error":{"status":500,"message":"x"}}]}""", "steps[0] has \"error\" together with")]
    [InlineData("""{"steps":[{"error":{"status":200,"message":"x"}}]}""", "steps[0].error.status must be an HTTP error status from 400 to 599, got 200")]
    [InlineData("""{"steps":[{"error":{"status":500}}]}""", "steps[0].error.message is missing")]
    [InlineData("""{"steps":[{"tool_calls":[{"arguments":{}}]}]}""", "steps[0].tool_calls[0] has no \"name\"")]
    [InlineData("""{"steps":[{"tool_calls":[{"name":"x","arguments":42}]}]}""", "steps[0].tool_calls[0].arguments must be a JSON object")]
    [InlineData("""{"steps":[{"tool_calls":[{"name":"x","arguments":"{broken"}]}]}""", "steps[0].tool_calls[0].arguments is a string that is not valid JSON")]
    [InlineData("""{"steps":[{"tool_calls":[]}]}""", "steps[0].tool_calls is empty")]
    [InlineData("""{"steps":[{"text":"a","reasoning_tokens":-3}]}""", "steps[0].reasoning_tokens is negative")]
    public void Semantic_problems_are_named_precisely(string json, string expected)
    {
        var path = Write("bad.json", json);

        var error = Assert.Throws<InvalidDataException>(() => ModelScript.LoadFile(path));

        Assert.StartsWith($"Script file '{path}' is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = Path.Combine(_folder, "nope.json");

        var error = Assert.Throws<FileNotFoundException>(() => ModelScript.LoadFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_may_be_left_out_for_tools_without_parameters()
    {
        var script = ModelScript.Parse("""{"steps":[{"tool_calls":[{"name":"now"}]}]}""");

        Assert.Equal(1, script.StepCount);
        Assert.Null(script.Model);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}

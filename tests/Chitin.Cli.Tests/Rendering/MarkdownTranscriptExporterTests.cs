using Chitin.Hosting.Transcripts;
using Chitin.Core.Sessions;

namespace Chitin.Cli.Tests.Rendering;

public sealed class MarkdownTranscriptExporterTests
{
    private static readonly SessionInfo Session = new() { Id = "20261123-000000-abcdef", Title = "fix the build", Model = "m", Workspace = "/w" };

    [Fact]
    public void Tool_calls_are_pretty_json_and_long_results_keep_head_and_tail()
    {
        var result = "HEAD" + new string('x', 5_000) + "TAIL";
        var messages = new[]
        {
            SessionMessage.User("fix it", DateTimeOffset.UnixEpoch),
            new SessionMessage { Role = MessageRole.Assistant, Step = 1, ToolCalls = [new ToolCallRecord("c1", "run_shell", """{"command":"make"}""")] },
            new SessionMessage { Role = MessageRole.Tool, ToolCallId = "c1", ToolName = "run_shell", Text = result, IsError = true },
        };

        var markdown = new MarkdownTranscriptExporter { MaxResultChars = 1_000 }.Render(Session, messages);

        Assert.StartsWith("# fix the build\n", markdown, StringComparison.Ordinal);
        Assert.Contains("Tool call `run_shell` (c1):\n\n```json\n{\n  \"command\": \"make\"\n}\n```", markdown, StringComparison.Ordinal);
        Assert.Contains("### Result of `run_shell` (error)", markdown, StringComparison.Ordinal);
        Assert.Contains("HEAD", markdown, StringComparison.Ordinal);
        Assert.Contains("TAIL", markdown, StringComparison.Ordinal);
        Assert.Contains("(4,008 characters omitted)", markdown, StringComparison.Ordinal);
        Assert.True(markdown.Length < 2_000);
    }

    [Fact]
    public void Content_with_backtick_fences_cannot_break_out_of_its_block()
    {
        var messages = new[]
        {
            new SessionMessage { Role = MessageRole.Tool, ToolCallId = "c1", ToolName = "read_file", Text = "before\n```\n# not a heading\n```\nafter" },
        };

        var markdown = new MarkdownTranscriptExporter().Render(Session, messages);

        Assert.Contains("````text\nbefore\n```\n# not a heading\n```\nafter\n````", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_that_are_not_json_are_shown_as_sent()
    {
        var messages = new[]
        {
            new SessionMessage { Role = MessageRole.Assistant, ToolCalls = [new ToolCallRecord("c1", "write_file", """{"path": "a.txt", "cont""")] },
        };

        var markdown = new MarkdownTranscriptExporter().Render(Session, messages);

        Assert.Contains("""{"path": "a.txt", "cont""", markdown, StringComparison.Ordinal);
    }
}

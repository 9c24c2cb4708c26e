using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Core.Tests.Tools;

public sealed class ToolBaseTests
{
    private const string Schema = """{"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""";

    [Fact]
    public void The_declaration_given_to_the_base_is_what_the_model_and_the_permission_rules_see()
    {
        ITool tool = new PathTool(ToolSubject.EditPath());

        Assert.Equal("touch_path", tool.Name);
        Assert.Equal("Touch a path.", tool.Description);
        Assert.Equal(Schema, tool.ParametersSchema.GetRawText());
        Assert.Equal(ToolTraits.Destructive, tool.Traits);
        Assert.Equal(ToolSubject.EditPath(), tool.Subject);
        Assert.Equal("a.txt", tool.Subject.ValueIn(JsonElement.Parse("""{"path":"a.txt"}""")));
    }

    [Fact]
    public void A_tool_declaring_no_subject_has_none()
    {
        ITool tool = new PathTool(subject: null);

        Assert.Equal(ToolSubject.None, tool.Subject);
    }

    [Fact]
    public void A_schema_that_is_not_json_fails_when_the_tool_is_built()
    {
        Assert.ThrowsAny<JsonException>(() => new BrokenSchemaTool());
    }

    private sealed class PathTool(ToolSubject? subject) : ToolBase("touch_path", "Touch a path.", Schema, ToolTraits.Destructive, subject)
    {
        public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolResult.Ok("touched"));
    }

    private sealed class BrokenSchemaTool() : ToolBase("broken", "Has a broken schema.", """{"type":""", ToolTraits.None)
    {
        public override ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
            ValueTask.FromResult(ToolResult.Ok(""));
    }
}

using System.Text.Json;
using Chitin.Core.Tools;

namespace Chitin.Security.Tests.Support;

/// <summary>
/// A tool as the permission engine sees it: a name and traits. The engine never invokes tools, so invoking this
/// one is an error.
/// </summary>
public sealed class DescribedTool(string name, ToolTraits traits) : ITool
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    public static DescribedTool RunShell { get; } = new("run_shell", ToolTraits.Destructive);

    public static DescribedTool ReadFile { get; } = new("read_file", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe);

    public static DescribedTool ListDir { get; } = new("list_dir", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe);

    public static DescribedTool Grep { get; } = new("grep", ToolTraits.ReadOnly | ToolTraits.ConcurrencySafe);

    public static DescribedTool WriteFile { get; } = new("write_file", ToolTraits.Destructive);

    public static DescribedTool EditFile { get; } = new("edit_file", ToolTraits.Destructive);

    public static DescribedTool WebFetch { get; } = new("web_fetch", ToolTraits.ReadOnly | ToolTraits.Network);

    public string Name { get; } = name;

    public string Description => $"{Name} (test description)";

    public JsonElement ParametersSchema => EmptySchema;

    public ToolTraits Traits { get; } = traits;

    public ValueTask<ToolResult> InvokeAsync(ToolInvocation invocation, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The permission engine must never invoke a tool.");
}
